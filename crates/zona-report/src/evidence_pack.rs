//! The evidence pack (`zona evidence pack`): a folder a unit hands its evaluators, with the local
//! files its LKE names as evidence copied into a tree numbered like the LKE, and an index workbook
//! listing, per item, its links, its files with their size and SHA-256, and the items with
//! nothing (docs/evidence.md).
//!
//! ```text
//! paket/
//!   Indeks Bukti Dukung.xlsx          (Evidence Index.xlsx with --lang en)
//!   SHA256SUMS.txt                    (`sha256sum -c SHA256SUMS.txt` checks every file)
//!   A. PENGUNGKIT/I. PEMENUHAN/1. MANAJEMEN PERUBAHAN/i. Penyusunan Tim Kerja/
//!     a. Unit kerja telah membentuk tim untuk/sk-tim.pdf
//! ```
//!
//! - The tree follows the criteria: a folder per node from the root to the item's sub-area, then
//!   one per item, each named by its marker and (short) name, made safe for every operating
//!   system (`names`). Only items with a copied file get a folder.
//! - The files copied are those the evaluation found (`EntryStatus::FileFound`), read and never
//!   changed: the sources are only opened for reading. A file whose real path (links resolved)
//!   is outside the folder it was found in (the evidence folder or the workbook's folder) is not
//!   copied, nor one that is not a regular file: each is listed as missing with the reason, as is
//!   a file that does not exist. None of that stops the pack.
//! - The SHA-256 is computed from the bytes as they are copied.
//! - The pack is never written into a source folder (the evidence folder, the workbook's folder)
//!   nor over one; an existing pack is replaced only with `force`, and then atomically
//!   (`folder`). A folder that is not a pack is never replaced.

mod folder;
mod index;
mod names;

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use zona_core::evidence::{EntryStatus, ItemEvidenceStatus};
use zona_core::{AnswerKind, Criteria, Evaluation, ItemId, ItemStatus, Lang, NodeId};

use crate::{OutputKind, WriteError};
use folder::{Existing, Overlap};
pub use index::bytes_text;
use names::Siblings;

/// The index workbook's name at the top of the pack, per language.
pub fn index_file_name(lang: Lang) -> &'static str {
    lang.pick("Indeks Bukti Dukung.xlsx", "Evidence Index.xlsx")
}

/// The checksum list at the top of the pack (`sha256sum -c` reads it).
pub const SUMS_FILE: &str = "SHA256SUMS.txt";

/// The index names in both languages (the top of a pack holds one of them).
const INDEX_NAMES: [&str; 2] = ["Indeks Bukti Dukung.xlsx", "Evidence Index.xlsx"];

/// What makes a folder a pack `force` may replace: an index workbook and the checksum list at
/// its top.
const MARKS: folder::PackMarks = folder::PackMarks {
    index: &INDEX_NAMES,
    also: &[SUMS_FILE],
};

/// How a pack is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PackOptions {
    /// Replace an existing pack.
    pub force: bool,
    /// The language of the index and of the names it gives (the folder names keep the criteria's
    /// wording).
    pub lang: Lang,
    /// The date the pack is made (year, month, day), shown in the index header.
    pub date: (u16, u8, u8),
}

/// Where the evaluated workbook and its evidence are: the folders the evidence was looked for in
/// (`zona_eval::EvidenceLookup::Beside { dir: Some(evidence_dir) }`, then the workbook's folder).
#[derive(Debug, Clone, Copy)]
pub struct PackSources<'a> {
    pub workbook: &'a Path,
    pub evidence_dir: &'a Path,
}

impl PackSources<'_> {
    /// The folders files may be copied from, as the evaluation looked in them: the evidence
    /// folder, then the workbook's own.
    fn roots(&self) -> [PathBuf; 2] {
        [
            self.evidence_dir.to_path_buf(),
            folder::parent_of(self.workbook),
        ]
    }
}

/// A pack as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Pack {
    /// The pack folder.
    pub folder: PathBuf,
    /// The index workbook inside it.
    pub index: PathBuf,
    /// One per criteria item, in criteria order.
    pub items: Vec<PackItem>,
}

/// One item of the pack.
#[derive(Debug, Clone, PartialEq)]
pub struct PackItem {
    /// The LKE number: the markers from the root down (`A.I.1.i.a`).
    pub number: String,
    /// The item's folder in the pack, its parts from the top (empty parts never occur); the
    /// folder exists only when [`PackItem::files`] is not empty.
    pub folder: Vec<String>,
    /// The evidence status of the item (the unit's layer), as the pack supports it: an item the
    /// review finds supported only by files the pack could not take (a link out of the evidence
    /// folder, a file that cannot be read) is [`ItemEvidenceStatus::Unsupported`] here.
    pub status: ItemEvidenceStatus,
    /// Every evidence entry, in the order the workbook gives them.
    pub entries: Vec<PackEntry>,
}

impl PackItem {
    /// The files copied for the item, each once.
    pub fn files(&self) -> Vec<&CopiedFile> {
        let mut out: Vec<&CopiedFile> = Vec::new();
        for e in &self.entries {
            if let PackEntryKind::Copied(f) = &e.kind {
                if !out.iter().any(|o| o.path == f.path) {
                    out.push(f);
                }
            }
        }
        out
    }

    /// The well-formed http(s) links.
    pub fn links(&self) -> Vec<&str> {
        self.entries
            .iter()
            .filter_map(|e| match &e.kind {
                PackEntryKind::Link(l) => Some(l.as_str()),
                _ => None,
            })
            .collect()
    }

    /// No evidence entry at all.
    pub fn has_nothing(&self) -> bool {
        self.entries.is_empty()
    }

    /// The item's folder as a relative path with `/`.
    pub fn folder_path(&self) -> String {
        self.folder.join("/")
    }
}

/// One evidence entry and what the pack did with it.
#[derive(Debug, Clone, PartialEq)]
pub struct PackEntry {
    /// As the workbook states it.
    pub text: String,
    /// Where the workbook states it (`LKE ZI!P12`).
    pub cell: String,
    pub kind: PackEntryKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PackEntryKind {
    /// A well-formed http(s) link (never fetched).
    Link(String),
    /// A link that is not a usable http(s) one (never made clickable).
    BadLink,
    /// A description only.
    Description,
    /// A local file, copied.
    Copied(CopiedFile),
    /// A local file not in the pack, and why.
    Missing(MissingReason),
}

/// A file copied into the pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopiedFile {
    /// Where it was copied from, as the evaluation found it.
    pub source: PathBuf,
    /// Its path in the pack, from the top, with `/`.
    pub path: String,
    /// Its name in the item's folder (the source's, made safe and distinct).
    pub name: String,
    pub size: u64,
    /// Lower-case hex.
    pub sha256: String,
}

/// Why a file an entry names is not in the pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MissingReason {
    /// Not found in the evidence folder or the workbook's folder.
    NotFound,
    /// Not looked for.
    NotChecked,
    /// A network share (`\\server\share`).
    NetworkPath,
    /// Its real path (links resolved) is outside the folder it was found in.
    OutsideSource,
    /// Not a regular file (a folder, a device).
    NotAFile,
    /// It could not be read (the system's message).
    Unreadable(String),
}

impl MissingReason {
    pub fn code(&self) -> &'static str {
        match self {
            MissingReason::NotFound => "not_found",
            MissingReason::NotChecked => "not_checked",
            MissingReason::NetworkPath => "network_path",
            MissingReason::OutsideSource => "outside_source",
            MissingReason::NotAFile => "not_a_file",
            MissingReason::Unreadable(_) => "unreadable",
        }
    }

    pub fn label(&self, lang: Lang) -> String {
        match self {
            MissingReason::NotFound => lang
                .pick(
                    "berkas tidak ditemukan di folder bukti maupun folder lembar kerja",
                    "file not found in the evidence folder or the workbook's folder",
                )
                .into(),
            MissingReason::NotChecked => lang
                .pick("berkas tidak diperiksa", "file not looked for")
                .into(),
            MissingReason::NetworkPath => lang
                .pick(
                    "jalur jaringan: tidak dapat disalin; unggah berkasnya",
                    "a network path: cannot be copied; upload the file",
                )
                .into(),
            MissingReason::OutsideSource => lang
                .pick(
                    "menunjuk ke luar folder bukti (tautan simbolik atau jalur lain): tidak diikuti, tidak disalin",
                    "points outside the evidence folder (a symbolic link or another path): not followed, not copied",
                )
                .into(),
            MissingReason::NotAFile => lang
                .pick(
                    "bukan berkas biasa (folder atau perangkat): tidak disalin",
                    "not a regular file (a folder or a device): not copied",
                )
                .into(),
            MissingReason::Unreadable(why) => format!(
                "{}: {why}",
                lang.pick("berkas tidak dapat dibaca", "the file cannot be read")
            ),
        }
    }
}

impl Pack {
    /// Files copied (each once per item).
    pub fn files_copied(&self) -> usize {
        self.items.iter().map(|i| i.files().len()).sum()
    }

    /// Their total size in bytes.
    pub fn bytes_copied(&self) -> u64 {
        self.items
            .iter()
            .flat_map(PackItem::files)
            .map(|f| f.size)
            .sum()
    }

    /// Entries naming a file that is not in the pack.
    pub fn files_missing(&self) -> usize {
        self.items
            .iter()
            .flat_map(|i| &i.entries)
            .filter(|e| matches!(e.kind, PackEntryKind::Missing(_)))
            .count()
    }

    /// Items without any evidence entry.
    pub fn items_with_nothing(&self) -> usize {
        self.items.iter().filter(|i| i.has_nothing()).count()
    }

    pub fn links(&self) -> usize {
        self.items.iter().map(|i| i.links().len()).sum()
    }
}

/// Checks, before any slow work, that a pack may be written to `out`: not into or over a source
/// folder (after resolving links and `..`), not over something that is not a pack, and not over
/// an existing non-empty folder unless `force`. Nothing is written.
pub fn check(out: &Path, sources: &PackSources, force: bool) -> Result<(), WriteError> {
    let kind = OutputKind::EvidencePack;
    let io_err = |p: &Path, e: io::Error| WriteError::io(kind, p, e);
    if out.file_name().is_none() {
        return Err(WriteError::InvalidPath {
            output: kind,
            file: out.to_path_buf(),
        });
    }
    let resolved = folder::resolve(out).map_err(|e| io_err(out, e))?;
    let mut sources_real = Vec::new();
    for root in sources.roots() {
        let real = folder::resolve(&root).map_err(|e| io_err(&root, e))?;
        sources_real.push((root, real));
    }
    for (root, real) in &sources_real {
        let overlap = folder::overlap(&resolved, real);
        if overlap == Overlap::Apart {
            continue;
        }
        // Somewhere to write instead: beside a source folder, apart from every source.
        let suggestion = out.file_name().and_then(|name| {
            sources_real
                .iter()
                .filter_map(|(_, r)| r.parent().map(|p| p.join(name)))
                .find(|candidate| {
                    sources_real
                        .iter()
                        .all(|(_, r)| folder::overlap(candidate, r) == Overlap::Apart)
                })
        });
        return Err(WriteError::IntoSource {
            file: out.to_path_buf(),
            source_folder: root.clone(),
            contains: overlap == Overlap::Contains,
            suggestion,
        });
    }
    match folder::existing(out, &MARKS).map_err(|e| io_err(out, e))? {
        Existing::Nothing | Existing::EmptyFolder => Ok(()),
        Existing::Pack | Existing::OtherFolder if !force => Err(WriteError::Exists {
            output: kind,
            file: out.to_path_buf(),
        }),
        Existing::Pack => Ok(()),
        Existing::OtherFolder | Existing::NotAFolder => Err(WriteError::NotAPack {
            file: out.to_path_buf(),
        }),
    }
}

/// Writes the pack of `ev` (its unit layer: the unit gives the evidence) to `out`: see the module
/// documentation. `ev` must have been evaluated with its evidence looked for in `sources`.
pub fn write_pack(
    out: &Path,
    ev: &Evaluation,
    sources: &PackSources,
    options: &PackOptions,
) -> Result<Pack, WriteError> {
    check(out, sources, options.force)?;
    let kind = OutputKind::EvidencePack;
    let tmp = folder::create_temporary(out).map_err(|e| WriteError::io(kind, out, e))?;
    let built = build(&tmp, out, ev, sources, options);
    let result = built.and_then(|pack| {
        // Checked again now: a source or a folder may have appeared meanwhile.
        check(out, sources, options.force)?;
        folder::place(&tmp, out, options.force, &MARKS).map_err(|e| match e {
            folder::PlaceError::Exists => WriteError::Exists {
                output: kind,
                file: out.to_path_buf(),
            },
            folder::PlaceError::NotAPack => WriteError::NotAPack {
                file: out.to_path_buf(),
            },
            folder::PlaceError::Io(e) => WriteError::io(kind, out, e),
        })?;
        Ok(pack)
    });
    if result.is_err() {
        let _ = fs::remove_dir_all(&tmp);
    }
    result
}

/// Copies the files into `tmp` and writes the index and the checksum list there.
fn build(
    tmp: &Path,
    out: &Path,
    ev: &Evaluation,
    sources: &PackSources,
    options: &PackOptions,
) -> Result<Pack, WriteError> {
    let kind = OutputKind::EvidencePack;
    let criteria = ev.criteria;
    let tree = Tree::new(criteria);
    let unit = ev.unit();
    let roots: Vec<(PathBuf, Option<PathBuf>)> = sources
        .roots()
        .into_iter()
        .map(|r| {
            let c = r.canonicalize().ok();
            (r, c)
        })
        .collect();
    let mut items = Vec::with_capacity(criteria.items.len());
    for (i, review) in unit.evidence.items.iter().enumerate() {
        let id = ItemId(i);
        let folder_parts = tree.item_folder(criteria, id);
        let mut names = Siblings::default();
        let mut copied: Vec<(PathBuf, CopiedFile)> = Vec::new();
        let mut entries = Vec::with_capacity(review.entries.len());
        for e in &review.entries {
            let kind_of = match &e.status {
                // Only what the core calls a well-formed http(s) link is ever a link here.
                EntryStatus::Link => match e.evidence.link() {
                    Some(l) => PackEntryKind::Link(l.to_string()),
                    None => PackEntryKind::BadLink,
                },
                EntryStatus::BadLink => PackEntryKind::BadLink,
                EntryStatus::Description => PackEntryKind::Description,
                EntryStatus::FileMissing => PackEntryKind::Missing(MissingReason::NotFound),
                EntryStatus::FileNotChecked => PackEntryKind::Missing(MissingReason::NotChecked),
                EntryStatus::NetworkPath => PackEntryKind::Missing(MissingReason::NetworkPath),
                EntryStatus::FileFound(found) => match admitted(Path::new(found), &roots) {
                    Err(reason) => PackEntryKind::Missing(reason),
                    Ok(real) => {
                        if let Some((_, f)) = copied.iter().find(|(r, _)| *r == real) {
                            PackEntryKind::Copied(f.clone())
                        } else {
                            let dir = tmp.join(folder_parts.iter().collect::<PathBuf>());
                            fs::create_dir_all(&dir).map_err(|e| WriteError::io(kind, out, e))?;
                            let original = real
                                .file_name()
                                .map(|n| n.to_string_lossy().into_owned())
                                .or_else(|| e.evidence.file_name().map(str::to_string))
                                .unwrap_or_default();
                            let name = names.claim(&names::sanitize_file(&original), true);
                            match copy_hashed(&real, &dir.join(&name), out)? {
                                Ok((size, sha256)) => {
                                    let mut path = folder_parts.clone();
                                    path.push(name.clone());
                                    let f = CopiedFile {
                                        source: PathBuf::from(found),
                                        path: path.join("/"),
                                        name,
                                        size,
                                        sha256,
                                    };
                                    copied.push((real, f.clone()));
                                    PackEntryKind::Copied(f)
                                }
                                Err(reason) => PackEntryKind::Missing(reason),
                            }
                        }
                    }
                },
            };
            entries.push(PackEntry {
                text: e.evidence.text.clone(),
                cell: e.evidence.location.sheet_cell(),
                kind: kind_of,
            });
        }
        // Supported by a file the pack could not take (a link out of the folder, unreadable):
        // not supported by the pack.
        let mut status = review.status;
        let opens = entries
            .iter()
            .any(|e| matches!(e.kind, PackEntryKind::Link(_) | PackEntryKind::Copied(_)));
        if status == ItemEvidenceStatus::Supported && !opens {
            status = ItemEvidenceStatus::Unsupported;
        }
        items.push(PackItem {
            number: tree.item_number(criteria, id),
            folder: folder_parts,
            status,
            entries,
        });
    }
    let index_name = index_file_name(options.lang);
    let pack = Pack {
        folder: out.to_path_buf(),
        index: out.join(index_name),
        items,
    };
    let index_tmp = tmp.join(index_name);
    let bytes = index::workbook(&pack, ev, sources, options)
        .and_then(|mut wb| wb.save_to_buffer())
        .map_err(|e| WriteError::xlsx(kind, &pack.index, e))?;
    crate::output_file::write_atomically(&index_tmp, &bytes, false).map_err(|e| e.about(kind))?;
    let mut sums = String::new();
    for f in pack.items.iter().flat_map(PackItem::files) {
        sums.push_str(&format!("{}  {}\n", f.sha256, f.path));
    }
    crate::output_file::write_atomically(&tmp.join(SUMS_FILE), sums.as_bytes(), false)
        .map_err(|e| e.about(kind))?;
    Ok(pack)
}

/// The real path of a file the evaluation found, when the pack may copy it: its real path (links
/// resolved) inside the real path of the folder it was found in (for a path written absolute: of
/// either folder), and a regular file.
fn admitted(found: &Path, roots: &[(PathBuf, Option<PathBuf>)]) -> Result<PathBuf, MissingReason> {
    let real = found.canonicalize().map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => MissingReason::NotFound,
        _ => MissingReason::Unreadable(e.to_string()),
    })?;
    let inside = |canon: &Option<PathBuf>| canon.as_ref().is_some_and(|c| real.starts_with(c));
    let allowed = match roots.iter().find(|(given, _)| found.starts_with(given)) {
        Some((_, canon)) => inside(canon),
        None => roots.iter().any(|(_, canon)| inside(canon)),
    };
    if !allowed {
        return Err(MissingReason::OutsideSource);
    }
    match fs::metadata(&real) {
        Ok(m) if m.is_file() => Ok(real),
        Ok(_) => Err(MissingReason::NotAFile),
        Err(e) => Err(MissingReason::Unreadable(e.to_string())),
    }
}

/// Copies `from` to the new file `to`, hashing the bytes as they go; the size and SHA-256, or why
/// the source could not be read (the partial copy removed). Errors writing the pack are the
/// outer error.
fn copy_hashed(
    from: &Path,
    to: &Path,
    out: &Path,
) -> Result<Result<(u64, String), MissingReason>, WriteError> {
    let kind = OutputKind::EvidencePack;
    let mut src = match File::open(from) {
        Ok(f) => f,
        Err(e) => return Ok(Err(MissingReason::Unreadable(e.to_string()))),
    };
    match src.metadata() {
        Ok(m) if m.is_file() => {}
        Ok(_) => return Ok(Err(MissingReason::NotAFile)),
        Err(e) => return Ok(Err(MissingReason::Unreadable(e.to_string()))),
    }
    let mut dst = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(to)
        .map_err(|e| WriteError::io(kind, out, e))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut size = 0u64;
    loop {
        let n = match src.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => {
                drop(dst);
                let _ = fs::remove_file(to);
                return Ok(Err(MissingReason::Unreadable(e.to_string())));
            }
        };
        hasher.update(&buf[..n]);
        dst.write_all(&buf[..n])
            .map_err(|e| WriteError::io(kind, out, e))?;
        size += n as u64;
    }
    dst.sync_all().map_err(|e| WriteError::io(kind, out, e))?;
    Ok(Ok((size, hex(&hasher.finalize()))))
}

/// Lower-case hex of `bytes`.
fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[usize::from(b >> 4)] as char);
        s.push(DIGITS[usize::from(b & 0xF)] as char);
    }
    s
}

/// The SHA-256 of `bytes`, lower-case hex (what the index and the checksum list hold).
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// The folder names and numbers of the criteria tree, made once: every node's and item's folder
/// name among its siblings, and its number part (the marker without its dot).
struct Tree {
    node_name: Vec<String>,
    item_name: Vec<String>,
    node_number: Vec<String>,
    item_number: Vec<String>,
}

impl Tree {
    fn new(c: &Criteria) -> Self {
        let mut t = Tree {
            node_name: vec![String::new(); c.nodes.len()],
            item_name: vec![String::new(); c.items.len()],
            node_number: vec![String::new(); c.nodes.len()],
            item_number: vec![String::new(); c.items.len()],
        };
        let mut top = Siblings::with(&[INDEX_NAMES[0], INDEX_NAMES[1], SUMS_FILE]);
        for (pos, root) in c.roots.iter().enumerate() {
            t.name_node(c, *root, pos, &mut top);
        }
        t
    }

    fn name_node(&mut self, c: &Criteria, id: NodeId, pos: usize, siblings: &mut Siblings) {
        let n = c.node(id);
        let number = number_part(n.marker.as_deref(), pos);
        let shown = label(n.marker.as_deref(), pos, &n.name);
        self.node_name[id.0] =
            siblings.claim(&names::sanitize(&shown, names::MAX_FOLDER_CHARS), false);
        self.node_number[id.0] = number;
        let mut inner = Siblings::default();
        for (k, child) in n.children.iter().enumerate() {
            self.name_node(c, *child, k, &mut inner);
        }
        for (k, item) in n.items.iter().enumerate() {
            let it = c.item(*item);
            let shown = label(it.marker.as_deref(), k, &it.text);
            self.item_name[item.0] =
                inner.claim(&names::sanitize(&shown, names::MAX_FOLDER_CHARS), false);
            self.item_number[item.0] = number_part(it.marker.as_deref(), k);
        }
    }

    /// The nodes from the root down to the item's sub-area.
    fn chain(c: &Criteria, id: ItemId) -> Vec<NodeId> {
        let parent = c.item(id).parent;
        let mut chain: Vec<NodeId> = std::iter::once(parent).chain(c.ancestors(parent)).collect();
        chain.reverse();
        chain
    }

    fn item_folder(&self, c: &Criteria, id: ItemId) -> Vec<String> {
        let mut parts: Vec<String> = Self::chain(c, id)
            .into_iter()
            .map(|n| self.node_name[n.0].clone())
            .collect();
        parts.push(self.item_name[id.0].clone());
        parts
    }

    fn item_number(&self, c: &Criteria, id: ItemId) -> String {
        let mut parts: Vec<&str> = Self::chain(c, id)
            .into_iter()
            .map(|n| self.node_number[n.0].as_str())
            .collect();
        parts.push(&self.item_number[id.0]);
        parts.retain(|p| !p.is_empty());
        parts.join(".")
    }
}

/// `a.` → `a`, `(1)` → `1`; without a marker the position (1-based).
fn number_part(marker: Option<&str>, pos: usize) -> String {
    match marker
        .map(|m| m.trim_matches(|c: char| c == '.' || c == '(' || c == ')' || c.is_whitespace()))
    {
        Some(m) if !m.is_empty() => m.to_string(),
        _ => (pos + 1).to_string(),
    }
}

/// `a. Unit kerja …`: the marker (or the position) and the name.
fn label(marker: Option<&str>, pos: usize, name: &str) -> String {
    match marker.map(str::trim).filter(|m| !m.is_empty()) {
        Some(m) => format!("{m} {}", name.trim()),
        None => format!("{}. {}", pos + 1, name.trim()),
    }
}

/// The item's answer as the index shows it: the option or index as written, a ratio as a
/// percentage, "not filled" or "invalid".
fn answer_shown(ev: &Evaluation, id: ItemId, lang: Lang) -> String {
    let s = ev.unit().result.item(id);
    match (s.status, &ev.criteria.item(id).answer) {
        (ItemStatus::Answered, AnswerKind::Ratio(_)) => s
            .value
            .map(|v| format!("{}%", zona_core::lang::fmt2(v * 100.0, lang)))
            .unwrap_or_default(),
        (ItemStatus::Answered, _) => s.answer.clone().unwrap_or_default(),
        (ItemStatus::Invalid, _) => lang.pick("tidak sah", "invalid").into(),
        (ItemStatus::Unanswered, _) => lang.pick("Belum diisi", "Not filled").into(),
    }
}

/// An evidence status as the index names it.
fn status_label(status: ItemEvidenceStatus, lang: Lang) -> &'static str {
    match status {
        ItemEvidenceStatus::Supported => lang.pick("Didukung", "Supported"),
        ItemEvidenceStatus::Missing => lang.pick("Tanpa bukti", "No evidence"),
        ItemEvidenceStatus::Unsupported => {
            lang.pick("Bukti tidak dapat dibuka", "Evidence cannot be opened")
        }
        ItemEvidenceStatus::NotNeeded => lang.pick("Tidak perlu bukti", "Not needed"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_known_inputs() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn only_regular_files_inside_the_folder_they_were_found_in_are_admitted() {
        let tmp = tempfile::tempdir().unwrap();
        let base = tmp.path().canonicalize().unwrap();
        let (bukti, lke) = (base.join("bukti"), base.join("lke"));
        fs::create_dir_all(bukti.join("sub")).unwrap();
        fs::create_dir_all(&lke).unwrap();
        fs::write(bukti.join("sub/sk.pdf"), b"sk").unwrap();
        fs::write(lke.join("beside.pdf"), b"beside").unwrap();
        fs::write(base.join("outside.pdf"), b"outside").unwrap();
        let roots: Vec<(PathBuf, Option<PathBuf>)> = [&bukti, &lke]
            .into_iter()
            .map(|r| (r.clone(), r.canonicalize().ok()))
            .collect();
        assert_eq!(
            admitted(&bukti.join("sub/sk.pdf"), &roots),
            Ok(bukti.join("sub/sk.pdf"))
        );
        assert_eq!(
            admitted(&lke.join("beside.pdf"), &roots),
            Ok(lke.join("beside.pdf"))
        );
        // A path written absolute: inside either folder, or refused.
        assert_eq!(
            admitted(&base.join("outside.pdf"), &roots),
            Err(MissingReason::OutsideSource)
        );
        assert_eq!(
            admitted(&bukti.join("sub"), &roots),
            Err(MissingReason::NotAFile)
        );
        assert_eq!(
            admitted(&bukti.join("gone.pdf"), &roots),
            Err(MissingReason::NotFound)
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::symlink;
            symlink(base.join("outside.pdf"), bukti.join("out.pdf")).unwrap();
            symlink(lke.join("beside.pdf"), bukti.join("to-lke.pdf")).unwrap();
            symlink(bukti.join("sub/sk.pdf"), bukti.join("in.pdf")).unwrap();
            assert_eq!(
                admitted(&bukti.join("out.pdf"), &roots),
                Err(MissingReason::OutsideSource)
            );
            // Found in the evidence folder, real path in the workbook's: out of its folder.
            assert_eq!(
                admitted(&bukti.join("to-lke.pdf"), &roots),
                Err(MissingReason::OutsideSource)
            );
            assert_eq!(
                admitted(&bukti.join("in.pdf"), &roots),
                Ok(bukti.join("sub/sk.pdf"))
            );
        }
    }

    #[test]
    fn numbers_and_labels_follow_the_markers() {
        assert_eq!(number_part(Some("a."), 0), "a");
        assert_eq!(number_part(Some("iii."), 0), "iii");
        assert_eq!(number_part(Some("(2)"), 0), "2");
        assert_eq!(number_part(None, 2), "3");
        assert_eq!(label(Some("A."), 0, "PENGUNGKIT"), "A. PENGUNGKIT");
        assert_eq!(label(None, 1, "Tanpa penanda"), "2. Tanpa penanda");
    }

    #[test]
    fn the_tree_of_the_builtin_criteria() {
        let c = zona_core::load::default_criteria();
        let t = Tree::new(&c);
        let id = c.item_by_key("pemenuhan.mp.tim_kerja.a").unwrap();
        assert_eq!(
            t.item_folder(&c, id),
            [
                "A. PENGUNGKIT",
                "I. PEMENUHAN",
                "1. MANAJEMEN PERUBAHAN",
                "i. Penyusunan Tim Kerja",
                "a. Unit kerja telah membentuk tim untuk",
            ]
        );
        assert_eq!(t.item_number(&c, id), "A.I.1.i.a");
        // Every item folder is distinct, and every part is a safe name.
        let mut seen = std::collections::HashSet::new();
        for i in 0..c.items.len() {
            let parts = t.item_folder(&c, ItemId(i));
            for p in &parts {
                assert_eq!(p, &names::sanitize(p, names::MAX_FOLDER_CHARS), "{p}");
            }
            assert!(seen.insert(parts.join("/").to_lowercase()), "{parts:?}");
        }
    }
}
