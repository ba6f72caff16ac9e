//! A living world of jobs, vendor-neutral: jobs arrive over time and move through phases.
//! Everything is a pure function of the seed, each job's index and the clock, so two sims with
//! the same seed and clock answer byte for byte the same; only the arrival list is stored (16
//! bytes a job), which keeps a million-job world cheap.

/// splitmix64: a tiny, well-mixed deterministic generator.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..hi` (hi exclusive; `lo` when empty).
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        if hi <= lo {
            return lo;
        }
        lo + self.next_u64() % (hi - lo)
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.range(0, 100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0, items.len() as u64) as usize]
    }

    /// A UUID-shaped identifier (version 4 layout).
    pub fn uuid(&mut self) -> String {
        let (a, b) = (self.next_u64(), self.next_u64());
        format!(
            "{:08x}-{:04x}-4{:03x}-{:x}{:03x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xfff,
            8 + (b >> 62),
            (b >> 48) & 0xfff,
            b & 0xffff_ffff_ffff
        )
    }
}

/// One job's identity: everything else derives from `seed` and the clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Arrival {
    pub index: u64,
    pub created_ms: i64,
    pub seed: u64,
}

impl Arrival {
    /// A fresh generator for this job; `salt` separates independent draws.
    pub fn rng(&self, salt: u64) -> Rng {
        Rng::new(self.seed ^ salt.wrapping_mul(0xA24B_AED4_963E_E407))
    }
}

/// How jobs come into a world.
#[derive(Clone, Debug)]
pub struct WorldConfig {
    pub seed: u64,
    /// Jobs that already exist when the world starts, spread over the past.
    pub initial_jobs: u64,
    /// Gap between those past jobs.
    pub past_spacing_ms: i64,
    /// One new job arrives this often (0 = none arrive by themselves).
    pub arrival_every_ms: i64,
}

#[derive(Clone, Debug)]
pub struct World {
    config: WorldConfig,
    start_ms: i64,
    /// Oldest first. Natural arrivals are appended lazily by [`World::advance`].
    arrivals: Vec<Arrival>,
    natural_arrived: u64,
}

impl World {
    pub fn new(config: WorldConfig, start_ms: i64) -> Self {
        let mut w = World {
            arrivals: Vec::with_capacity(config.initial_jobs as usize),
            config,
            start_ms,
            natural_arrived: 0,
        };
        for i in 0..w.config.initial_jobs {
            let created = start_ms - (w.config.initial_jobs - i) as i64 * w.config.past_spacing_ms;
            w.push(created);
        }
        w
    }

    fn push(&mut self, created_ms: i64) {
        let index = self.arrivals.len() as u64;
        let seed =
            Rng::new(self.config.seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15)).next_u64();
        self.arrivals.push(Arrival {
            index,
            created_ms,
            seed,
        });
    }

    /// Brings the world's arrivals up to `now_ms`.
    pub fn advance(&mut self, now_ms: i64) {
        if self.config.arrival_every_ms <= 0 {
            return;
        }
        let due = ((now_ms - self.start_ms).max(0) / self.config.arrival_every_ms) as u64;
        while self.natural_arrived < due {
            self.natural_arrived += 1;
            let created =
                self.start_ms + self.natural_arrived as i64 * self.config.arrival_every_ms;
            self.push(created);
        }
    }

    /// Adds `n` jobs created at `now_ms` (the control endpoint's "add jobs").
    pub fn add_now(&mut self, n: u64, now_ms: i64) {
        self.advance(now_ms);
        for _ in 0..n {
            self.push(now_ms);
        }
    }

    /// Every job that exists at `now_ms`, newest first.
    pub fn newest_first(&self, now_ms: i64) -> impl Iterator<Item = &Arrival> {
        self.arrivals
            .iter()
            .rev()
            .filter(move |a| a.created_ms <= now_ms)
    }

    pub fn find(&self, pred: impl Fn(&Arrival) -> bool) -> Option<&Arrival> {
        self.arrivals.iter().rev().find(|a| pred(a))
    }

    /// The job with this index, if it has arrived.
    pub fn get(&self, index: u64) -> Option<&Arrival> {
        self.arrivals.get(usize::try_from(index).ok()?)
    }

    pub fn len(&self) -> usize {
        self.arrivals.len()
    }

    pub fn is_empty(&self) -> bool {
        self.arrivals.is_empty()
    }
}

/// A job's path through phases: `(offset from creation in ms, phase)`, in order.
pub type Timeline<P> = Vec<(i64, P)>;

/// The phase a timeline is in at `now_ms` (`None` before the job exists).
pub fn phase_at<P: Copy>(a: &Arrival, timeline: &[(i64, P)], now_ms: i64) -> Option<(P, i64)> {
    let age = now_ms - a.created_ms;
    if age < 0 {
        return None;
    }
    timeline
        .iter()
        .rev()
        .find(|(at, _)| *at <= age)
        .map(|(at, p)| (*p, a.created_ms + at))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg() -> WorldConfig {
        WorldConfig {
            seed: 7,
            initial_jobs: 10,
            past_spacing_ms: 1000,
            arrival_every_ms: 500,
        }
    }

    #[test]
    fn worlds_are_deterministic_and_grow_with_the_clock() {
        let mut a = World::new(cfg(), 100_000);
        let mut b = World::new(cfg(), 100_000);
        a.advance(101_000);
        b.advance(101_000);
        assert_eq!(a.arrivals, b.arrivals);
        assert_eq!(a.len(), 12);
        assert_eq!(
            a.newest_first(101_000).next().map(|j| j.created_ms),
            Some(101_000)
        );
        a.add_now(3, 101_200);
        assert_eq!(a.len(), 15);
        assert_eq!(
            a.newest_first(101_100).count(),
            12,
            "jobs created later are not visible yet"
        );
    }

    #[test]
    fn uuids_look_like_uuids() {
        let id = Rng::new(1).uuid();
        assert_eq!(id.len(), 36);
        assert_eq!(id.matches('-').count(), 4);
        assert_eq!(id.as_bytes()[14], b'4');
    }
}
