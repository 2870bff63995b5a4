//! Reusable pieces of the screens (as gitui's `components/`): the theme,
//! the text field, the common frame, form rows.

pub mod choice;
pub mod form;
pub mod layout;
pub mod note;
pub mod paragraph;
pub mod password_pair;
pub mod picker;
pub mod rows;
pub mod text_input;
pub mod theme;

pub use layout::{body_rect, centered, chrome, clear, fit, text_box, width};
pub use note::Note;
pub use password_pair::PasswordPair;
pub use picker::Picker;
pub use text_input::TextInput;
pub use theme::{ASCII_BORDER, MIN_HEIGHT, MIN_WIDTH, Theme};
