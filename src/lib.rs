//! sensemap: a terminal body map for the abnormal sensations of multiple
//! sclerosis, kept as a time series in plain RON files.
//!
//! Layers, each using only those below it: [`domain`] (pure model and
//! queries), [`store`] (RON files), [`app`] (state and actions), [`ui`]
//! (rendering), [`runtime`] (the event loop, where the app meets the store
//! and the terminal), and [`cli`] (the command line).

#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]
#![warn(missing_docs)]

pub mod app;
pub mod cli;
pub mod domain;
pub mod runtime;
pub mod store;
pub mod ui;
