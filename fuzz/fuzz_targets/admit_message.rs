//! Fuzz the admission step and the answer behind it: arbitrary JSON-shaped
//! messages from arbitrary sender descriptions never panic, every refusal
//! is a wire code with a message id, and an admitted message came from one of
//! its table row's places. The property is shared with the native proptest
//! in `tests/core/admission_properties/`.
//!
//! Run: RUSTC_BOOTSTRAP=1 cargo fuzz run admit_message -- -max_total_time=600
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/core/admission_properties/property.rs"]
mod property;

fuzz_target!(|data: &[u8]| {
    property::check(data);
});
