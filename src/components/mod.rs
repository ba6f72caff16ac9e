//! Reusable view pieces.
pub mod badge;
pub mod bars;
pub mod charts;
pub mod counts;
pub mod detail;
pub mod display_settings;
pub mod error;
pub mod export;
pub mod health;
pub mod json_view;
pub mod pager;
pub mod table;
pub mod table_rows;
pub mod text;
