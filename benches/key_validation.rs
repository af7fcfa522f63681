//! Validation throughput over a mix of typical pastes.
//!
//! cargo bench --bench key_validation -- --warm-up-time 1 --measurement-time 3

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

/// Benchmarks run natively only.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::hint::black_box;

    use criterion::{criterion_group, Criterion, Throughput};
    use innoslate_key_assistant::key::{accept_key, validate_key};

    /// Deterministic synthetic characters (no real key material).
    fn pattern(seed: u64, count: usize) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let mut x = seed | 1;
        (0..count)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                ALPHABET[(x % 64) as usize] as char
            })
            .collect()
    }

    fn inputs() -> Vec<(&'static str, String)> {
        let project = format!("sk-proj-{}T3BlbkFJ{}", pattern(1, 74), pattern(2, 74));
        vec![
            ("valid_project", project.clone()),
            ("wrapped_project", format!(" OPENAI_API_KEY=\"{project}\"\n")),
            ("masked", "sk-proj-...wXyZ".to_owned()),
            ("other_provider", format!("sk-ant-api03-{}", pattern(3, 95))),
            ("garbage", "Hi team, the new key is in the vault; ping me if it fails. Thanks!".to_owned()),
        ]
    }

    fn bench(c: &mut Criterion) {
        let inputs = inputs();
        let mut group = c.benchmark_group("validate_key");
        for (name, input) in &inputs {
            group.throughput(Throughput::Bytes(input.len() as u64));
            group.bench_function(*name, |b| b.iter(|| validate_key(black_box(input))));
        }
        group.throughput(Throughput::Elements(inputs.len() as u64));
        group.bench_function("mix", |b| {
            b.iter(|| {
                for (_, input) in &inputs {
                    black_box(validate_key(black_box(input)));
                }
            })
        });
        group.finish();

        c.bench_function("accept_key/valid_project", |b| b.iter(|| accept_key(black_box(&inputs[0].1)).is_ok()));
    }

    criterion_group!(benches, bench);
}
