//! Criteria text → `zona_core::load_str`. Whatever the bytes, loading returns criteria or an error
//! naming the file. Criteria that load must keep what docs/criteria-format.md promises
//! (zona_fuzz::check_criteria: finite weights, option values in 0..=1 …) and must score (an empty
//! answer set) and analyse without a panic, so a loader that lets invalid criteria through shows
//! up here.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zona_core::{AnswerSet, Lang};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match zona_core::load_str(text, "fuzz.toml") {
        Ok(c) => {
            zona_fuzz::check_criteria(&c);
            let answers = AnswerSet::empty(&c);
            let options = Default::default();
            let result = zona_core::score(&c, &answers, &options);
            zona_fuzz::check_result(&c, &result);
            let _ = zona_core::priority::analyse(&c, &answers, &result, &options);
            for lang in [Lang::Id, Lang::En] {
                for item in &c.items {
                    let _ = c.answer_label(item);
                    let _ = item.display_text(lang);
                }
            }
        }
        Err(e) => {
            for lang in [Lang::Id, Lang::En] {
                let msg = e.message(lang);
                assert!(
                    msg.starts_with("fuzz.toml"),
                    "error without the file: {msg}"
                );
            }
        }
    }
});
