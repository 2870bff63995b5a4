//! Dialogs drawn over a screen (as gitui's `popups/`): help, quit (and
//! "waiting for the work to finish"), the portal QR code, the form sheet,
//! the profile picker.

pub mod help;
pub mod profiles;
pub mod qr;
pub mod quit;
pub mod sheet;
