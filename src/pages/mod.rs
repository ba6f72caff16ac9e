//! One file per route.
pub mod detail;
pub mod overview;
pub mod settings;
pub mod source;
