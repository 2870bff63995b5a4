//! Platform code that needs foreign calls. `unsafe` is denied crate-wide
//! (Cargo.toml `[lints.rust]`) and allowed only below `windows/`, so every
//! FFI call of the crate sits in one reviewed place. Everything else,
//! including key-blob parsing (`cert::keyblob`), is platform-neutral.

#[cfg(windows)]
pub mod windows;
