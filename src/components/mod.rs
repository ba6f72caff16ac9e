//! Reusable view pieces.
pub mod badge;
pub mod error;
pub mod health;
pub mod pager;
pub mod table;
pub mod time;
