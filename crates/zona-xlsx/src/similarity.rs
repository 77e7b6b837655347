//! Text similarity for finding LKE rows by their text: the Sørensen–Dice coefficient over
//! character bigrams of the normalised text (lowercase, letters and digits only). It tolerates the
//! typos, doubled spaces and small rewordings of real copies ("dtindaklanjuti", "Whistle Blowing").

/// Minimum similarity for a row to match a criteria text.
pub const MATCH_THRESHOLD: f64 = 0.6;

/// The sorted bigrams of a normalised text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    bigrams: Vec<u64>,
}

impl Fingerprint {
    pub fn new(text: &str) -> Self {
        // Lowercase letters and digits; every run of anything else is one space; no space at
        // either end. Bigrams are packed into u64 (two chars) and sorted for a merge count.
        let mut bigrams: Vec<u64> = Vec::with_capacity(text.len());
        let mut prev: Option<char> = None;
        let mut pending_space = false;
        let mut push = |c: char, prev: &mut Option<char>| {
            if let Some(p) = *prev {
                bigrams.push(((p as u64) << 32) | c as u64);
            }
            *prev = Some(c);
        };
        for c in text.chars() {
            if c.is_alphanumeric() {
                if pending_space {
                    push(' ', &mut prev);
                    pending_space = false;
                }
                if c.is_ascii() {
                    push(c.to_ascii_lowercase(), &mut prev);
                } else {
                    for l in c.to_lowercase() {
                        push(l, &mut prev);
                    }
                }
            } else if prev.is_some() {
                pending_space = true;
            }
        }
        if bigrams.is_empty() {
            if let Some(c) = prev {
                bigrams.push(c as u64);
            }
        }
        bigrams.sort_unstable();
        Fingerprint { bigrams }
    }

    /// Dice coefficient in 0–1 (1 for identical normalised texts). Pairs that cannot reach
    /// [`MATCH_THRESHOLD`] by their lengths alone return a value below it without being compared.
    pub fn similarity(&self, other: &Fingerprint) -> f64 {
        let (a, b) = (&self.bigrams, &other.bigrams);
        if a.is_empty() || b.is_empty() {
            return 0.0;
        }
        // Dice can never exceed 2·min/(sum): texts of very different lengths are not compared.
        let bound = 2.0 * a.len().min(b.len()) as f64 / (a.len() + b.len()) as f64;
        if bound < MATCH_THRESHOLD {
            return bound.min(MATCH_THRESHOLD / 2.0);
        }
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
