//! Innoslate Key Assistant's core: everything that decides, nothing that draws.
//!
//! Runs as WebAssembly in the extension's own contexts (background, popup,
//! options). Content scripts send it facts and render what it answers.
//! Modules are plain Rust and tested natively; `wasm_api` only binds them.

// Memory safety is the compiler's job everywhere but the one line that
// installs the allocator, below.
#![deny(unsafe_code)]
#![warn(missing_docs)]

pub mod ai_feature;
pub mod authorisation;
pub mod diagnostic;
pub mod dispatch;
pub mod guide;
pub mod key;
pub mod key_record;
pub mod live_check;
// Natively only for tests: the words behind message ids.
#[cfg(test)]
mod message_words;
mod number;
pub mod origin;
pub mod page_report;
pub mod protocol;
pub mod sender_check;
mod substring;
pub mod transfer;

// Natively only for its tests, which check the readers on JSON.
#[cfg(any(target_arch = "wasm32", test))]
mod js_value;
#[cfg(target_arch = "wasm32")]
pub mod wasm_api;

/// A small free-list allocator instead of the default one (see docs/benchmarks.md).
///
/// `AssumeSingleThreaded` is sound only while nothing runs the core on two
/// threads at once. That holds because the core is built without wasm threads
/// (no `atomics` target feature, so no shared memory and no worker can enter
/// this module's memory). Enabling threads would require a thread-safe
/// allocator here (for example a lock around this one, or the default
/// allocator) before anything else.
// The allocator below assumes one thread; refuse to build otherwise.
#[cfg(all(target_arch = "wasm32", target_feature = "atomics"))]
compile_error!("wasm threads (atomics) are on: replace the single-threaded allocator in src/lib.rs first");

#[cfg(target_arch = "wasm32")]
#[global_allocator]
#[allow(unsafe_code)]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };
