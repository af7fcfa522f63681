//! Plain JavaScript values to and from the core's types, for the binding:
//! written by hand (`replies.rs`, through `sink.rs`; their tests compare
//! them with serde's derive on JSON), read by hand to the rules of serde's
//! derive (each reader's tests compare it with `reader.rs` on JSON).
//!
//! A general-purpose converter (serde-wasm-bindgen) buffers internally
//! tagged enums, keeps a string-interning cache and builds an error text for
//! every mismatch, which pulls float and Debug formatting into the core:
//! about a third of its size. The core only needs a yes or no (a bad message
//! gets one fixed error reply), so the error here carries no text.

mod context;
mod fields;
mod guide_summary;
mod live_check;
mod page_report;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod proptest_objects;
// The reference for the hand readers' tests; the wasm core reads by hand.
#[cfg(not(target_arch = "wasm32"))]
mod reader;
mod replies;
mod request;
mod sender;
mod sink;
mod source;
mod vault;

#[cfg(target_arch = "wasm32")]
pub use context::read_context;
#[cfg(target_arch = "wasm32")]
pub use guide_summary::read_guide_summary;
#[cfg(target_arch = "wasm32")]
pub use live_check::read_probe_result;
#[cfg(target_arch = "wasm32")]
pub use page_report::{read_page_report, read_page_report_request};
#[cfg(not(target_arch = "wasm32"))]
pub use reader::read;
#[cfg(target_arch = "wasm32")]
pub use request::read_request;
#[cfg(target_arch = "wasm32")]
pub use sender::{read_own_identity, read_sender};
pub use sink::Write;
#[cfg(target_arch = "wasm32")]
pub use vault::read_vault_record;

/// A value whose shape the core does not read or write (a wrong type in a
/// message; a map, bytes or tuple variant on the way out). Deliberately
/// without detail.
#[derive(Debug)]
pub struct Unfit;

impl std::fmt::Display for Unfit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("value of an unexpected shape")
    }
}

impl std::error::Error for Unfit {}

impl serde::de::Error for Unfit {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Unfit
    }
}
