//! Innoslate Key Assistant's core: everything that decides, nothing that draws.
//!
//! Runs as WebAssembly in the extension's own contexts (background, popup,
//! options). Content scripts send it facts and render what it answers.
//! Modules are plain Rust and tested natively; `wasm_api` only binds them.

pub mod authorisation;
pub mod dispatch;
pub mod guide;
pub mod key;
pub mod origin;
pub mod page_report;
pub mod protocol;
pub mod sender_check;
pub mod transfer;

#[cfg(target_arch = "wasm32")]
mod js_value;
#[cfg(target_arch = "wasm32")]
pub mod wasm_api;

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };
