//! Looking for the files evidence entries name: relative to the workbook's folder and the
//! evidence folder (`--evidence-dir`), or as written when absolute. Nothing is opened or read,
//! and no link is ever fetched.

use std::path::{Component, Path, PathBuf};

use zona_core::answers::evidence::PathForm;
use zona_core::evidence::{EvidenceFiles, PathCheck};

/// The folders relative paths are looked for in, in order.
#[derive(Debug, Clone, Default)]
pub struct EvidenceFolders {
    pub roots: Vec<PathBuf>,
}

impl EvidenceFolders {
    pub fn new(roots: Vec<PathBuf>) -> Self {
        EvidenceFolders { roots }
    }

    /// The file a relative entry names under one root, when it stays inside it: `..` and
    /// absolute parts are refused (an entry cannot point out of the evidence folder), `\` is read
    /// as a folder separator (paths typed on Windows).
    pub fn resolve_in(root: &Path, path: &str) -> Option<PathBuf> {
        let rel = PathBuf::from(path.replace('\\', "/"));
        let inside = rel
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
        inside.then(|| root.join(rel))
    }
}

impl EvidenceFiles for EvidenceFolders {
    fn check(&self, path: &str, form: PathForm) -> PathCheck {
        match form {
            PathForm::Unc => PathCheck::NotChecked,
            PathForm::Absolute => {
                if Path::new(path).is_file() {
                    PathCheck::Found(path.to_string())
                } else {
                    PathCheck::NotFound
                }
            }
            PathForm::Relative if self.roots.is_empty() => PathCheck::NotChecked,
            PathForm::Relative => self
                .roots
                .iter()
                .filter_map(|r| Self::resolve_in(r, path))
                .find(|p| p.is_file())
                .map_or(PathCheck::NotFound, |p| {
                    PathCheck::Found(p.display().to_string())
                }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_stay_inside_their_folder() {
        let dir = std::env::temp_dir().join(format!("zona-evf-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("bukti")).unwrap();
        std::fs::write(dir.join("bukti/sk.pdf"), b"x").unwrap();
        let f = EvidenceFolders::new(vec![dir.clone()]);
        assert!(matches!(
            f.check("bukti/sk.pdf", PathForm::Relative),
            PathCheck::Found(_)
        ));
        assert!(matches!(
            f.check(r"bukti\sk.pdf", PathForm::Relative),
            PathCheck::Found(_)
        ));
        assert_eq!(
            f.check("bukti/../bukti/sk.pdf", PathForm::Relative),
            PathCheck::NotFound
        );
        assert_eq!(
            f.check("bukti/lain.pdf", PathForm::Relative),
            PathCheck::NotFound
        );
        assert_eq!(
            EvidenceFolders::default().check("bukti/sk.pdf", PathForm::Relative),
            PathCheck::NotChecked
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
