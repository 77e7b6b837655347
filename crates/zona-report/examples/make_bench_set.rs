//! Writes N filled LKE workbooks with varied answers for whole-CLI benchmarks
//! (`scripts/bench-batch.sh`): even numbers in the official layout (`lke_writer`), odd numbers as
//! zona's template with answers filled in. Answers come from a fixed-seed generator, so the same N
//! gives the same files.
//!
//! `cargo run --release -p zona-report --example make_bench_set -- <dir> <N>`

// A program that prints is what an example is.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::PathBuf;

use zona_core::criteria::ScaleKind;
use zona_core::{AnswerKind, Criteria};
use zona_report::lke_writer::{write_filled_lke, LkeFill, LkeLayoutOptions};
use zona_report::template::{write_template, TemplateOptions};

/// xorshift64*: small, deterministic, good enough to vary answers.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn fill_for(c: &Criteria, n: usize, rng: &mut Rng) -> LkeFill {
    let mut fill = LkeFill {
        unit_name: Some(format!("Unit Contoh {n:04}")),
        instansi: Some("Kementerian Contoh".into()),
        year: Some(2025),
        ..Default::default()
    };
    // Each unit has a "quality": most answers near it.
    let quality = rng.below(100);
    for item in &c.items {
        if rng.below(100) < 3 {
            continue; // some items left unanswered
        }
        match &item.answer {
            AnswerKind::Choice(s) => {
                let ScaleKind::Choice(opts) = &c.scales[*s].kind else {
                    continue;
                };
                let mut sorted: Vec<_> = opts.iter().collect();
                sorted.sort_by(|a, b| b.value.total_cmp(&a.value));
                let jitter = rng.below(40) as i64 - 20;
                let level =
                    ((100 - quality as i64 + jitter).clamp(0, 99) as usize * sorted.len()) / 100;
                fill.set_answer(&item.key, sorted[level.min(sorted.len() - 1)].code.as_str());
            }
            AnswerKind::Index { max, .. } => {
                let v = 2.8 + (quality as f64 / 100.0) * 1.2 + rng.below(20) as f64 / 100.0;
                fill.set_answer(&item.key, (v.min(*max) * 100.0).round() / 100.0);
            }
            AnswerKind::Ratio(r) => {
                for inp in r.inputs.iter().filter(|i| i.sum_of.is_empty()) {
                    fill.set_input(&item.key, &inp.key, rng.below(20) as f64);
                }
            }
        }
        if rng.below(4) == 0 {
            fill.item_mut(&item.key).note = Some("Catatan unit".into());
            fill.item_mut(&item.key).evidence_link =
                Some(format!("https://contoh.example/{n}/{}", item.key));
        }
    }
    fill
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(n)) = (
        args.next(),
        args.next().and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: make_bench_set <dir> <N>");
        std::process::exit(2);
    };
    let dir = PathBuf::from(dir);
    std::fs::create_dir_all(&dir).expect("create the output folder");
    let c = zona_core::default_criteria();
    let mut rng = Rng(0x5EED_2026);
    for i in 0..n {
        let fill = fill_for(&c, i, &mut rng);
        let path = dir.join(format!("unit-{i:05}.xlsx"));
        if i % 2 == 0 {
            let layout = LkeLayoutOptions {
                created: Some((2026, 1, 1)),
                ..Default::default()
            };
            write_filled_lke(&path, &c, &fill, &layout).expect("write workbook");
        } else {
            let options = TemplateOptions {
                force: true,
                ..Default::default()
            };
            write_template(&path, &c, Some(&fill), &options).expect("write template");
        }
    }
    println!("{n} workbooks in {}", dir.display());
}
