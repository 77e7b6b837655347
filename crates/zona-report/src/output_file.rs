//! Writing output files safely, for every writer (report, comparison, template, batch summary,
//! official-layout LKE, PortalRB workbook):
//!
//! - an output is never one of the inputs (same path after resolving `..` and symlinks, or on Unix
//!   the same file through a hard link), even with `force`;
//! - an existing file is replaced only with `force`;
//! - bytes go to a temporary file beside the output, then into place in one step: with `force` by a
//!   rename, without by a hard link that fails if the output appeared meanwhile (where hard links
//!   are not supported, by a rename after checking again). An interrupted run never leaves a
//!   half-written file under the final name; a failed one leaves no temporary file. The temporary
//!   name is short (`.zona-<pid>-<n>.tmp`), so any legal output name works; ones an interrupted
//!   run left behind are removed on the next write to that folder.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::{OutputKind, WriteError};

/// Whether two paths name the same file: equal after resolving (for a file that does not exist
/// yet, its resolved folder and its name), or on Unix the same inode (hard links).
pub fn same_file(a: &Path, b: &Path) -> bool {
    let canon = |p: &Path| -> Option<PathBuf> {
        if let Ok(c) = p.canonicalize() {
            return Some(c);
        }
        let dir = match p.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.canonicalize().ok()?,
            _ => std::env::current_dir().ok()?.canonicalize().ok()?,
        };
        Some(dir.join(p.file_name()?))
    };
    if let (Some(x), Some(y)) = (canon(a), canon(b)) {
        if x == y {
            return true;
        }
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (fs::metadata(a), fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    false
}

/// Checks that `output` may be written: a file name, none of the `inputs`, not a folder, and not
/// existing unless `force`. Call it before slow work to fail early; [`write_atomically`] checks
/// existence again at the end. Errors are about [`OutputKind::File`].
pub fn check(output: &Path, inputs: &[&Path], force: bool) -> Result<(), WriteError> {
    check_as(OutputKind::File, None, output, inputs, force)
}

/// [`check`] for an output of `kind` whose name must end in `.ext` (`kind`'s own,
/// [`OutputKind::extension`], when `None`): what the CLI calls before slow work, and every
/// writer before it writes.
pub fn check_as(
    kind: OutputKind,
    ext: Option<&'static str>,
    output: &Path,
    inputs: &[&Path],
    force: bool,
) -> Result<(), WriteError> {
    let file = output.to_path_buf();
    if output.file_name().is_none() {
        return Err(WriteError::InvalidPath { output: kind, file });
    }
    if let Some(input) = inputs.iter().find(|i| same_file(output, i)) {
        return Err(WriteError::SameAsInput {
            output: kind,
            file,
            input: input.to_path_buf(),
        });
    }
    match fs::symlink_metadata(output) {
        Ok(meta) if meta.is_dir() => Err(WriteError::io(
            kind,
            output,
            io::Error::new(io::ErrorKind::IsADirectory, "is a directory"),
        )),
        Ok(meta) if !meta.is_file() => Err(WriteError::NotARegularFile { output: kind, file }),
        existing => {
            if let Some(expected) = ext.or(kind.extension()) {
                let fits = output
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| e.eq_ignore_ascii_case(expected));
                if !fits {
                    return Err(WriteError::WrongExtension {
                        output: kind,
                        file,
                        expected,
                    });
                }
            }
            match existing {
                Ok(_) if !force => Err(WriteError::Exists { output: kind, file }),
                _ => Ok(()),
            }
        }
    }
}

/// Writes `bytes` to `output` atomically (see the module documentation). Errors are about
/// [`OutputKind::File`].
pub fn write_atomically(output: &Path, bytes: &[u8], force: bool) -> Result<(), WriteError> {
    let kind = OutputKind::File;
    let fail = |e: io::Error| WriteError::io(kind, output, e);
    let name = output
        .file_name()
        .ok_or_else(|| WriteError::InvalidPath {
            output: kind,
            file: output.to_path_buf(),
        })?
        .to_string_lossy()
        .into_owned();
    let dir = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    remove_stale_temporaries(&dir, &name);
    // A short temporary name whatever the output's (a legal 255-byte name has no room for more).
    let (tmp, mut file) = (0..1000)
        .find_map(|n| {
            let tmp = dir.join(format!("{TEMP_PREFIX}{}-{n}.tmp", std::process::id()));
            match OpenOptions::new().write(true).create_new(true).open(&tmp) {
                Ok(f) => Some(Ok((tmp, f))),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => None,
                Err(e) => Some(Err(fail(e))),
            }
        })
        .unwrap_or_else(|| Err(fail(io::Error::other("no free temporary file name"))))?;
    let cleanup = |e: WriteError| {
        let _ = fs::remove_file(&tmp);
        e
    };
    file.write_all(bytes)
        .and_then(|_| file.sync_all())
        .map_err(|e| cleanup(fail(e)))?;
    drop(file);
    let exists = || WriteError::Exists {
        output: kind,
        file: output.to_path_buf(),
    };
    if force {
        // Checked again at the end: what appeared meanwhile is replaced only if a regular file.
        if fs::symlink_metadata(output).is_ok_and(|m| !m.is_file()) {
            return Err(cleanup(WriteError::NotARegularFile {
                output: kind,
                file: output.to_path_buf(),
            }));
        }
        return fs::rename(&tmp, output).map_err(|e| cleanup(fail(e)));
    }
    match fs::hard_link(&tmp, output) {
        Ok(()) => {
            let _ = fs::remove_file(&tmp);
            Ok(())
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(cleanup(exists())),
        Err(_) => {
            if fs::symlink_metadata(output).is_ok() {
                return Err(cleanup(exists()));
            }
            fs::rename(&tmp, output).map_err(|e| cleanup(fail(e)))
        }
    }
}

/// The temporary files zona writes before moving an output into place: `.zona-<pid>-<n>.tmp`.
pub const TEMP_PREFIX: &str = ".zona-";

/// Removes temporary files an interrupted run of zona left in `dir`: zona's own pattern
/// (`.zona-<pid>-<n>.tmp`, and the `.<output name>.<pid>.<n>.tmp` of earlier versions) whose
/// process is gone (where `/proc` tells) or that are older than a day. Nothing else is touched;
/// errors are ignored.
fn remove_stale_temporaries(dir: &Path, output_name: &str) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let old_prefix = format!(".{output_name}.");
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(middle) = name
            .strip_prefix(TEMP_PREFIX)
            .map(|m| m.replacen('-', ".", 1))
            .or_else(|| name.strip_prefix(&old_prefix).map(str::to_string))
            .and_then(|m| m.strip_suffix(".tmp").map(str::to_string))
        else {
            continue;
        };
        let mut parts = middle.split('.');
        let (Some(pid), Some(n), None) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        let Ok(meta) = e.metadata() else { continue };
        if meta.is_file() && left_by_an_ended_run(pid, n, &meta) {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// Whether a temporary named `<pid>-<n>` (`meta` its metadata) is left over from a run of zona that
/// ended: both parts numbers, not this process's, and that process gone (where `/proc` tells) or
/// the temporary older than a day. Shared by the output files and the evidence pack's folders.
pub(crate) fn left_by_an_ended_run(pid: &str, n: &str, meta: &fs::Metadata) -> bool {
    let (Ok(pid), true) = (
        pid.parse::<u32>(),
        !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()),
    ) else {
        return false;
    };
    if pid == std::process::id() {
        return false;
    }
    let gone = Path::new("/proc/self").exists() && !Path::new(&format!("/proc/{pid}")).exists();
    let old = meta
        .modified()
        .ok()
        .and_then(|m| m.elapsed().ok())
        .is_some_and(|a| a > std::time::Duration::from_secs(24 * 3600));
    gone || old
}

/// Checks `output` against `inputs`, then writes the bytes `build` makes, atomically:
/// what every workbook writer of this crate does. Errors are about `kind`; a workbook that cannot
/// be built is [`WriteError::Xlsx`].
pub(crate) fn write_workbook(
    kind: OutputKind,
    output: &Path,
    inputs: &[&Path],
    force: bool,
    build: impl FnOnce() -> Result<Vec<u8>, rust_xlsxwriter::XlsxError>,
) -> Result<(), WriteError> {
    check_as(kind, None, output, inputs, force)?;
    let bytes = build().map_err(|e| WriteError::xlsx(kind, output, e))?;
    write_atomically(output, &bytes, force).map_err(|e| e.about(kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_255_byte_name_is_written_and_stale_temporaries_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let long = format!("{}.xlsx", "n".repeat(250));
        assert_eq!(long.len(), 255);
        // Left by runs that were interrupted (pids no process has), and files that are not ours.
        let stale = [
            ".zona-4000000000-0.tmp".to_string(),
            ".pendek.xlsx.4000000001.3.tmp".to_string(),
        ];
        let kept = [
            ".zona-notes.tmp",
            ".zona-1-x.tmp",
            "laporan.tmp",
            ".other.4000000000.0.tmp",
        ];
        for n in stale.iter().map(String::as_str).chain(kept) {
            fs::write(dir.path().join(n), b"x").unwrap();
        }
        let out = dir.path().join(&long);
        write_atomically(&out, b"isi", false).unwrap();
        assert_eq!(fs::read(&out).unwrap(), b"isi");
        write_atomically(&dir.path().join("pendek.xlsx"), b"isi", false).unwrap();
        let left: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        for n in &stale {
            assert!(!left.contains(n), "{n} removed: {left:?}");
        }
        for n in kept {
            assert!(left.iter().any(|l| l == n), "{n} kept: {left:?}");
        }
        assert_eq!(left.len(), kept.len() + 2);
    }

    #[test]
    fn replaces_only_with_force_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("laporan.xlsx");
        write_atomically(&out, b"satu", false).unwrap();
        let e = write_atomically(&out, b"dua", false).unwrap_err();
        assert!(
            matches!(&e, WriteError::Exists { output: OutputKind::File, file } if *file == out),
            "{e:?}"
        );
        assert_eq!(fs::read(&out).unwrap(), b"satu");
        write_atomically(&out, b"dua", true).unwrap();
        assert_eq!(fs::read(&out).unwrap(), b"dua");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("laporan.xlsx")]);
    }

    #[test]
    fn an_input_is_never_an_output_whatever_its_spelling() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("lke.xlsx");
        fs::write(&input, b"masukan").unwrap();
        let spelled = dir.path().join("sub/../lke.xlsx");
        fs::create_dir(dir.path().join("sub")).unwrap();
        for out in [&input, &spelled] {
            let e = check(out, &[&input], true).unwrap_err();
            assert!(matches!(e, WriteError::SameAsInput { .. }), "{e:?}");
        }
        #[cfg(unix)]
        {
            let link = dir.path().join("tautan.xlsx");
            fs::hard_link(&input, &link).unwrap();
            assert!(matches!(
                check(&link, &[&input], true),
                Err(WriteError::SameAsInput { .. })
            ));
        }
        assert_eq!(fs::read(&input).unwrap(), b"masukan");
    }

    #[test]
    fn a_folder_is_not_an_output() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            check(dir.path(), &[], true),
            Err(WriteError::Io { .. })
        ));
    }
}
