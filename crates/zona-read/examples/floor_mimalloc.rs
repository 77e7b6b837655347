//! The floor of `floor.rs` with mimalloc, the allocator of the `zona` binary: the floor for
//! comparing like with like (`scripts/bench-batch.sh` prints both).
//!
//! `cargo run --release -p zona-read --example floor_mimalloc -- <dir>`

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "floor.rs"]
mod floor;

fn main() {
    floor::main();
}
