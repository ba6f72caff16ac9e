//! Reusable view pieces.
pub mod badge;
pub mod bars;
pub mod detail;
pub mod json_view;
pub mod counts;
pub mod error;
pub mod health;
pub mod pager;
pub mod table;
pub mod text;
pub mod time;
