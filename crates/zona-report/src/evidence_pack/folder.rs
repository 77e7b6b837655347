//! The pack folder on disk: where it may go (never into the sources), the temporary folder it is
//! built in beside `--out`, and the swap into place.
//!
//! A pack is built in `.zona-pack-<pid>-<n>` beside the output folder, then renamed into place.
//! With `force`, an existing pack is first renamed aside (`….old`) and removed only once the new
//! one is in place; so an interrupted run leaves either the old pack or the new one under the
//! final name, never half of one. Temporary folders an interrupted run left are removed by the
//! next run beside them.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// The temporary folders a pack is built in (and an old pack set aside in): `.zona-pack-<pid>-<n>`
/// and `.zona-pack-<pid>-<n>.old`.
pub(crate) const TEMP_PREFIX: &str = ".zona-pack-";

/// `path` made absolute with `..` and links resolved, also when it (or its last parts) does not
/// exist yet: part by part, an existing prefix is canonicalised (its links followed), a part that
/// does not exist is appended as it is (it cannot be a link), and `..` goes up from what is
/// resolved so far.
pub(crate) fn resolve(path: &Path) -> io::Result<PathBuf> {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    let mut out = PathBuf::new();
    let mut exists = true;
    for part in abs.components() {
        match part {
            // The first name below the root is canonicalised with it.
            Component::Prefix(_) | Component::RootDir => out.push(part.as_os_str()),
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
                exists = fs::symlink_metadata(&out).is_ok();
            }
            Component::Normal(name) => {
                out.push(name);
                if exists {
                    match out.canonicalize() {
                        Ok(c) => out = c,
                        Err(e) if e.kind() == io::ErrorKind::NotFound => exists = false,
                        Err(e) => return Err(e),
                    }
                }
            }
        }
    }
    Ok(out)
}

/// How an output folder and a source folder lie (both resolved).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Overlap {
    /// The output is the source, or inside it.
    Inside,
    /// The source is inside the output (replacing the output would remove it).
    Contains,
    Apart,
}

pub(crate) fn overlap(out: &Path, source: &Path) -> Overlap {
    if out.starts_with(source) {
        Overlap::Inside
    } else if source.starts_with(out) {
        Overlap::Contains
    } else {
        Overlap::Apart
    }
}

/// What is at the output path now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Existing {
    Nothing,
    EmptyFolder,
    /// A folder with the index workbook and the checksum list of a pack at its top.
    Pack,
    /// A folder with other things in it.
    OtherFolder,
    /// A file, or a link.
    NotAFolder,
}

/// The files at the top of a folder that make it a pack: one of `index` (the index workbook in
/// either language) and every one of `also` (the checksum list).
#[derive(Debug, Clone, Copy)]
pub(crate) struct PackMarks<'a> {
    pub(crate) index: &'a [&'a str],
    pub(crate) also: &'a [&'a str],
}

pub(crate) fn existing(out: &Path, marks: &PackMarks) -> io::Result<Existing> {
    let meta = match fs::symlink_metadata(out) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Existing::Nothing),
        Err(e) => return Err(e),
    };
    if !meta.is_dir() {
        return Ok(Existing::NotAFolder);
    }
    let (mut empty, mut index, mut also) = (true, false, 0);
    for entry in fs::read_dir(out)? {
        let entry = entry?;
        empty = false;
        let name = entry.file_name();
        if !entry.file_type()?.is_file() {
            continue;
        }
        let is = |n: &str| name == std::ffi::OsStr::new(n);
        index |= marks.index.iter().any(|n| is(n));
        also += marks.also.iter().filter(|n| is(n)).count();
    }
    Ok(if empty {
        Existing::EmptyFolder
    } else if index && also == marks.also.len() {
        Existing::Pack
    } else {
        Existing::OtherFolder
    })
}

/// The folder `out` is in ("." for a bare name).
pub(crate) fn parent_of(out: &Path) -> PathBuf {
    match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Creates a new, empty temporary folder beside `out` (after removing the ones interrupted runs
/// left there).
pub(crate) fn create_temporary(out: &Path) -> io::Result<PathBuf> {
    let dir = parent_of(out);
    remove_stale_temporaries(&dir);
    for n in 0..1000 {
        let tmp = dir.join(format!("{TEMP_PREFIX}{}-{n}", std::process::id()));
        match fs::create_dir(&tmp) {
            Ok(()) => return Ok(tmp),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("no free temporary folder name"))
}

/// A name beside `out` for setting an old pack aside.
fn aside_name(out: &Path) -> PathBuf {
    let dir = parent_of(out);
    (0..1000)
        .map(|n| dir.join(format!("{TEMP_PREFIX}{}-{n}.old", std::process::id())))
        .find(|p| fs::symlink_metadata(p).is_err())
        .unwrap_or_else(|| dir.join(format!("{TEMP_PREFIX}{}-x.old", std::process::id())))
}

/// Why the finished pack could not be put in place.
#[derive(Debug)]
pub(crate) enum PlaceError {
    /// Without `force`, something that is not an empty folder appeared at `out` meanwhile.
    Exists,
    /// With `force`, something that is not a pack appeared at `out` meanwhile.
    NotAPack,
    Io(io::Error),
}

/// Moves the finished pack `tmp` to `out`. Without `force`, `out` must not exist or be an empty
/// folder; with `force` an existing pack is set aside, replaced, and removed after. On failure
/// the old pack is back in place and `tmp` is left for the caller to remove.
pub(crate) fn place(
    tmp: &Path,
    out: &Path,
    force: bool,
    marks: &PackMarks,
) -> Result<(), PlaceError> {
    match existing(out, marks).map_err(PlaceError::Io)? {
        Existing::Nothing => rename_new(tmp, out),
        Existing::EmptyFolder => {
            // Renaming onto an empty folder replaces it on Unix; elsewhere remove it first
            // (`remove_dir` removes only an empty folder).
            match fs::rename(tmp, out) {
                Ok(()) => Ok(()),
                Err(_) => {
                    fs::remove_dir(out).map_err(|_| PlaceError::Exists)?;
                    rename_new(tmp, out)
                }
            }
        }
        Existing::Pack if force => {
            let aside = aside_name(out);
            fs::rename(out, &aside).map_err(PlaceError::Io)?;
            if let Err(e) = fs::rename(tmp, out) {
                let _ = fs::rename(&aside, out);
                return Err(PlaceError::Io(e));
            }
            let _ = fs::remove_dir_all(&aside);
            Ok(())
        }
        Existing::Pack | Existing::OtherFolder if !force => Err(PlaceError::Exists),
        Existing::Pack | Existing::OtherFolder | Existing::NotAFolder => Err(PlaceError::NotAPack),
    }
}

/// Renames `tmp` to `out`, which did not exist: a folder that appeared meanwhile is not replaced
/// (a rename onto a non-empty folder fails).
fn rename_new(tmp: &Path, out: &Path) -> Result<(), PlaceError> {
    fs::rename(tmp, out).map_err(|e| {
        if fs::symlink_metadata(out).is_ok() {
            PlaceError::Exists
        } else {
            PlaceError::Io(e)
        }
    })
}

/// Removes the temporary folders (`.zona-pack-<pid>-<n>`, `….old`) an interrupted run of zona left
/// in `dir`: those whose process is gone (where `/proc` tells) or that are older than a day.
/// Nothing else is touched; errors are ignored.
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(TEMP_PREFIX) else {
            continue;
        };
        let rest = rest.strip_suffix(".old").unwrap_or(rest);
        let Some((pid, n)) = rest.split_once('-') else {
            continue;
        };
        let Ok(meta) = fs::symlink_metadata(e.path()) else {
            continue;
        };
        if meta.is_dir() && crate::output_file::left_by_an_ended_run(pid, n, &meta) {
            let _ = fs::remove_dir_all(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_paths_that_do_not_exist_yet() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().canonicalize().unwrap();
        fs::create_dir(base.join("bukti")).unwrap();
        assert_eq!(
            resolve(&dir.path().join("bukti/../baru/paket")).unwrap(),
            base.join("baru/paket")
        );
        assert_eq!(
            resolve(&dir.path().join("baru/../bukti/x")).unwrap(),
            base.join("bukti/x")
        );
        assert_eq!(
            resolve(&dir.path().join("bukti")).unwrap(),
            base.join("bukti")
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_link_into_the_source_resolves_into_it() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().canonicalize().unwrap();
        fs::create_dir(base.join("bukti")).unwrap();
        std::os::unix::fs::symlink(base.join("bukti"), base.join("tautan")).unwrap();
        let out = resolve(&base.join("tautan/paket")).unwrap();
        assert_eq!(out, base.join("bukti/paket"));
        assert_eq!(overlap(&out, &base.join("bukti")), Overlap::Inside);
        assert_eq!(overlap(&base, &base.join("bukti")), Overlap::Contains);
        assert_eq!(
            overlap(&base.join("bukti-lain"), &base.join("bukti")),
            Overlap::Apart,
            "a sibling whose name starts alike is apart"
        );
    }

    #[test]
    fn stale_temporary_folders_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        for n in [
            ".zona-pack-4000000000-0",
            ".zona-pack-4000000001-2.old",
            ".zona-pack-notes",
            "paket",
        ] {
            fs::create_dir(dir.path().join(n)).unwrap();
            fs::write(dir.path().join(n).join("isi.txt"), b"x").unwrap();
        }
        fs::write(dir.path().join(".zona-pack-4000000002-0"), b"a file").unwrap();
        let tmp = create_temporary(&dir.path().join("paket")).unwrap();
        let left: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        let tmp_name = tmp.file_name().unwrap().to_string_lossy().into_owned();
        for kept in [
            ".zona-pack-4000000002-0",
            ".zona-pack-notes",
            "paket",
            tmp_name.as_str(),
        ] {
            assert!(left.iter().any(|l| l == kept), "{kept} kept: {left:?}");
        }
        assert_eq!(
            fs::read_dir(&tmp).unwrap().count(),
            0,
            "a new, empty folder"
        );
        // Processes that do not exist: their folders go (where /proc tells; else after a day).
        if Path::new("/proc/self").exists() {
            assert_eq!(left.len(), 4, "{left:?}");
        }
    }

    #[test]
    fn placing_replaces_only_a_pack_and_only_with_force() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("paket");
        let names = PackMarks {
            index: &["Indeks.xlsx", "Index.xlsx"],
            also: &["SUMS"],
        };
        let make = |content: &[u8]| {
            let tmp = create_temporary(&out).unwrap();
            fs::write(tmp.join("Indeks.xlsx"), content).unwrap();
            fs::write(tmp.join("SUMS"), b"").unwrap();
            tmp
        };
        let first = make(b"satu");
        place(&first, &out, false, &names).unwrap();
        assert_eq!(fs::read(out.join("Indeks.xlsx")).unwrap(), b"satu");
        let second = make(b"dua");
        assert!(matches!(
            place(&second, &out, false, &names),
            Err(PlaceError::Exists)
        ));
        place(&second, &out, true, &names).unwrap();
        assert_eq!(fs::read(out.join("Indeks.xlsx")).unwrap(), b"dua");
        // Only the pack is left: no temporary or old folder.
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1);
        // A folder that is not a pack is never replaced: one with an index alone is not one.
        let other = dir.path().join("lain");
        fs::create_dir(&other).unwrap();
        fs::write(other.join("penting.txt"), b"x").unwrap();
        fs::write(other.join("Index.xlsx"), b"x").unwrap();
        let third = make(b"tiga");
        assert!(matches!(
            place(&third, &other, true, &names),
            Err(PlaceError::NotAPack)
        ));
        assert_eq!(fs::read(other.join("penting.txt")).unwrap(), b"x");
    }
}
