use zona_core::{Lang, Layer};
use zona_read::ReadError;

/// Why a source could not be evaluated.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EvalError {
    #[error(transparent)]
    Read(#[from] ReadError),
    /// A glob pattern that cannot be parsed (bad usage).
    #[error("{pattern}: invalid pattern: {source}")]
    Pattern {
        pattern: String,
        #[source]
        source: glob::PatternError,
    },
    /// `--reports` names something that is not a folder.
    #[error("{dir}: not a folder (--reports)")]
    NotAFolder { dir: String },
    /// The worker threads could not be started.
    #[error("--jobs: {0}")]
    Threads(#[source] rayon::ThreadPoolBuildError),
    /// `--labels` gives a different number of labels than workbooks.
    #[error(
        "--labels gives {given} labels for {workbooks} workbooks; give one label per workbook"
    )]
    Labels { given: usize, workbooks: usize },
    /// `--holds` names a predicate the criteria do not have.
    #[error("--holds {given}: the criteria have no such predicate (known: {})", known.join(", "))]
    UnknownPredicate { given: String, known: Vec<String> },
    /// The layer asked for is not in the source.
    #[error("{file}: no {} answer layer (present: {})", wanted.code().to_uppercase(), layer_codes(have))]
    NoLayer {
        file: String,
        wanted: Layer,
        have: Vec<Layer>,
    },
}

fn layer_codes(have: &[Layer]) -> String {
    have.iter().map(|l| l.code()).collect::<Vec<_>>().join(", ")
}

impl EvalError {
    /// The message in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (EvalError::Read(e), _) => e.message(lang),
            (EvalError::NoLayer { file, wanted, have }, Lang::Id) => format!(
                "{file}: tidak ada lapisan jawaban {} (yang ada: {})",
                wanted.code().to_uppercase(),
                layer_codes(have)
            ),
            (EvalError::Pattern { pattern, source }, Lang::Id) => {
                format!("{pattern}: pola tidak sah: {source}")
            }
            (EvalError::Labels { given, workbooks }, Lang::Id) => format!(
                "--labels memberi {given} label untuk {workbooks} lembar kerja; berikan satu label per lembar kerja"
            ),
            (EvalError::UnknownPredicate { given, known }, Lang::Id) => format!(
                "--holds {given}: kriteria tidak memiliki predikat itu (yang ada: {})",
                known.join(", ")
            ),
            (EvalError::NotAFolder { dir }, Lang::Id) => format!("{dir}: bukan folder (--reports)"),
            (e, _) => e.to_string(),
        }
    }
}
