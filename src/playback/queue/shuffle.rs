//! A shuffled order of `0..count` that is never written out: a keyed bijection
//! (a four-round Feistel network on the smallest even number of bits that
//! holds `count`, cycle-walked back into range). A queue over a 100,000-track
//! catalog keeps a count and a seed, not a list, and computes the k-th
//! track of its order when it needs it; every index comes exactly once per
//! cycle, so no track repeats before all have played.

use serde::{Deserialize, Serialize};

/// The order a queue over a whole source (the catalog, a genre) plays in,
/// stored with the queue. The `serde` names are the stored ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shuffle {
    /// How many indexes the order holds: the tracks of the source the
    /// listener hears shuffled.
    #[serde(rename = "n")]
    pub count: u32,
    /// The key of the bijection: one order per seed, a new one each lap the
    /// listener loops.
    pub seed: u64,
}

const ROUNDS: u64 = 4;

impl Shuffle {
    pub fn new(count: u32, seed: u64) -> Self {
        Shuffle { count, seed }
    }

    /// The index at place `k` of the order, for `k < count`.
    pub fn at(&self, k: u32) -> Option<u32> {
        if k >= self.count {
            return None;
        }
        let bits = even_bits(self.count);
        let mut x = u64::from(k);
        // The network permutes 0..2^bits (< 4 * count); walking the cycle
        // from an index below count reaches another below count in a few
        // steps on average, and always: k's own cycle comes back to k.
        loop {
            x = self.permute(x, bits);
            if x < u64::from(self.count) {
                return u32::try_from(x).ok();
            }
        }
    }

    fn permute(&self, x: u64, bits: u32) -> u64 {
        let half = bits / 2;
        let mask = (1u64 << half) - 1;
        let (mut left, mut right) = (x >> half, x & mask);
        for round in 0..ROUNDS {
            let f = mix(self.seed ^ round.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ right) & mask;
            (left, right) = (right, left ^ f);
        }
        (left << half) | right
    }
}

/// The smallest even bit count, at least 2, whose range holds `n` values.
fn even_bits(n: u32) -> u32 {
    let needed = (u32::BITS - n.saturating_sub(1).leading_zeros()).max(2);
    needed + needed % 2
}

/// SplitMix64's finaliser: a fast, well-mixed 64-bit hash.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(shuffle: Shuffle) -> Vec<u32> {
        (0..shuffle.count).map(|k| shuffle.at(k).unwrap()).collect()
    }

    #[test]
    fn every_index_exactly_once_for_every_small_size() {
        for n in 0..=300u32 {
            for seed in [0, 1, 0xDEAD_BEEF, u64::MAX] {
                let mut seen = order(Shuffle::new(n, seed));
                seen.sort_unstable();
                assert_eq!(seen, (0..n).collect::<Vec<_>>(), "n={n} seed={seed}");
            }
        }
    }

    #[test]
    fn a_hundred_thousand_tracks_each_once() {
        let shuffle = Shuffle::new(100_000, 42);
        let mut seen = vec![false; 100_000];
        for k in 0..100_000 {
            let i = shuffle.at(k).unwrap() as usize;
            assert!(!seen[i], "index {i} twice");
            seen[i] = true;
        }
        assert_eq!(shuffle.at(100_000), None);
    }

    #[test]
    fn the_order_is_shuffled_and_depends_on_the_seed() {
        let a = order(Shuffle::new(1000, 1));
        let b = order(Shuffle::new(1000, 2));
        assert_ne!(a, b);
        assert_eq!(a, order(Shuffle::new(1000, 1)), "same seed, same order");
        let in_place = a
            .iter()
            .enumerate()
            .filter(|(k, &i)| *k as u32 == i)
            .count();
        assert!(in_place < 20, "{in_place} of 1000 left in place");
        // Not a rotation or a stride: neighbours in the order are far apart
        // in the catalog as often as chance says.
        let close = a.windows(2).filter(|w| w[0].abs_diff(w[1]) <= 10).count();
        assert!(close < 60, "{close} neighbours within 10 places");
    }

    #[test]
    fn the_largest_catalogs_do_not_overflow() {
        let shuffle = Shuffle::new(u32::MAX, 7);
        let first = shuffle.at(0).unwrap();
        assert!(first < u32::MAX);
        assert!(shuffle.at(u32::MAX - 1).is_some());
        assert_eq!(even_bits(u32::MAX), 32);
        assert_eq!(even_bits(1), 2);
        assert_eq!(even_bits(5), 4);
        assert_eq!(even_bits(16), 4);
        assert_eq!(even_bits(17), 6);
    }
}
