//! Text similarity for finding LKE rows by their text: the Sørensen–Dice coefficient over
//! character bigrams of the normalised text (lowercase, letters and digits only). It tolerates the
//! typos, doubled spaces and small rewordings of real copies ("dtindaklanjuti", "Whistle Blowing").

/// Minimum similarity for a row to match a criteria text.
pub const MATCH_THRESHOLD: f64 = 0.6;

/// A normalised text, with its sorted bigrams computed on first use (most rows of a real copy
/// match a criteria text exactly, which the hash finds without bigrams).
#[derive(Debug, Clone)]
pub struct Fingerprint {
    /// Lowercase letters and digits; every run of anything else is one space; no space at
    /// either end.
    norm: String,
    /// Characters in `norm`.
    chars: usize,
    /// FNV-1a over the bytes of `norm`.
    hash: u64,
    bigrams: std::sync::OnceLock<Vec<u64>>,
}

/// An ASCII byte's normalised form: the lowercase letter or the digit, 0 for anything else.
const ASCII_NORM: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

impl Fingerprint {
    pub fn new(text: &str) -> Self {
        let mut norm = String::new();
        let mut pending_space = false;
        let chars;
        if text.is_ascii() {
            // Most labels: one byte a character, no Unicode tables.
            norm.reserve(text.len());
            for &b in text.as_bytes() {
                let lower = ASCII_NORM[usize::from(b)];
                if lower != 0 {
                    if pending_space {
                        norm.push(' ');
                        pending_space = false;
                    }
                    norm.push(char::from(lower));
                } else if !norm.is_empty() {
                    pending_space = true;
                }
            }
            chars = norm.len();
        } else {
            for c in text.chars() {
                if c.is_alphanumeric() {
                    if pending_space {
                        norm.push(' ');
                        pending_space = false;
                    }
                    if c.is_ascii() {
                        norm.push(c.to_ascii_lowercase());
                    } else {
                        norm.extend(c.to_lowercase());
                    }
                } else if !norm.is_empty() {
                    pending_space = true;
                }
            }
            chars = norm.chars().count();
        }
        let hash = norm.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        });
        Fingerprint {
            norm,
            chars,
            hash,
            bigrams: std::sync::OnceLock::new(),
        }
    }

    /// Number of bigrams (a one-character text counts its character).
    fn len(&self) -> usize {
        match self.chars {
            0 => 0,
            1 => 1,
            n => n - 1,
        }
    }

    /// Sorted bigrams, packed two chars to a u64.
    fn bigrams(&self) -> &[u64] {
        self.bigrams.get_or_init(|| {
            let chars: Vec<char> = self.norm.chars().collect();
            let mut b: Vec<u64> = if chars.len() == 1 {
                vec![chars[0] as u64]
            } else {
                chars
                    .windows(2)
                    .map(|w| ((w[0] as u64) << 32) | w[1] as u64)
                    .collect()
            };
            b.sort_unstable();
            b
        })
    }

    /// Whether both texts normalise to the same text (similarity 1).
    pub fn same_text(&self, other: &Fingerprint) -> bool {
        self.hash == other.hash && !self.norm.is_empty() && self.norm == other.norm
    }

    /// Dice coefficient in 0–1 (1 for identical normalised texts). Pairs that cannot reach
    /// [`MATCH_THRESHOLD`] by their lengths alone return a value below it without being compared.
    pub fn similarity(&self, other: &Fingerprint) -> f64 {
        let (la, lb) = (self.len(), other.len());
        if la == 0 || lb == 0 {
            return 0.0;
        }
        // Dice can never exceed 2·min/(sum): texts of very different lengths are not compared.
        let bound = 2.0 * la.min(lb) as f64 / (la + lb) as f64;
        if bound < MATCH_THRESHOLD {
            return bound.min(MATCH_THRESHOLD / 2.0);
        }
        if self.same_text(other) {
            return 1.0;
        }
        let (a, b) = (self.bigrams(), other.bigrams());
        let (mut i, mut j, mut common) = (0, 0, 0usize);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    common += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        2.0 * common as f64 / (a.len() + b.len()) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sim(a: &str, b: &str) -> f64 {
        Fingerprint::new(a).similarity(&Fingerprint::new(b))
    }

    #[test]
    fn ascii_and_unicode_paths_agree() {
        let a = Fingerprint::new("Pengaduan  Masyarakat: (2024) -- tindak lanjut");
        let b = Fingerprint::new("Pengaduan  Masyarakat: (2024) — tindak lanjut");
        assert_eq!(a.norm, b.norm);
        assert_eq!(a.hash, b.hash);
        assert!(a.same_text(&b));
    }

    #[test]
    fn identical_after_normalising() {
        assert!((sim("MANAJEMEN  PERUBAHAN ", "Manajemen Perubahan") - 1.0).abs() < 1e-12);
    }

    #[test]
    fn typos_still_match_and_other_texts_do_not() {
        assert!(
            sim(
                "pengaduan masyarakat dtindaklanjuti",
                "Pengaduan masyarakat ditindaklanjuti"
            ) > MATCH_THRESHOLD
        );
        assert!(sim("Kepala satuan kerja", "Lainnya") < MATCH_THRESHOLD);
        assert!(sim("PENGUNGKIT", "HASIL") < MATCH_THRESHOLD);
    }
}
