//! Counts over time, from the refreshes this browser session has seen, and the geometry of
//! the overview's two SVG charts (state distribution and counts over time). Pure: the charts'
//! numbers are tested natively; the app only draws the shapes.

use crate::model::{Count, Counts, StateCategory};
use std::collections::VecDeque;

/// How many refreshes a source keeps (at the default 10 s refresh, two hours).
pub const MAX_SAMPLES: usize = 720;

/// One refresh's counts by category, kept small (36 bytes: a session holds thousands).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sample {
    pub at_ms: i64,
    /// Per category of [`StateCategory::ALL`]; [`Sample::UNKNOWN`] when the API did not give an
    /// exact number (counts beyond u32 are capped just below it).
    by_category: [u32; 7],
}

impl Sample {
    pub const UNKNOWN: u32 = u32::MAX;

    pub fn new(at_ms: i64, by_category: [Option<u64>; 7]) -> Sample {
        Sample {
            at_ms,
            by_category: by_category
                .map(|n| n.map_or(Sample::UNKNOWN, |n| n.min(u32::MAX as u64 - 1) as u32)),
        }
    }

    pub fn of(at_ms: i64, counts: &Counts) -> Sample {
        let by_category = StateCategory::ALL.map(|cat| {
            let mut of_cat = counts
                .states
                .iter()
                .filter(|s| s.category == cat)
                .peekable();
            of_cat.peek()?;
            of_cat.try_fold(0u64, |acc, s| match s.count {
                Count::Exact(n) => Some(acc.saturating_add(n)),
                _ => None,
            })
        });
        Sample::new(at_ms, by_category)
    }

    /// The exact count of the category at `index` in [`StateCategory::ALL`].
    pub fn count(&self, index: usize) -> Option<u64> {
        self.by_category
            .get(index)
            .copied()
            .filter(|n| *n != Sample::UNKNOWN)
            .map(u64::from)
    }

    fn counts(&self) -> impl Iterator<Item = u64> + '_ {
        (0..self.by_category.len()).filter_map(|i| self.count(i))
    }
}

/// The last [`MAX_SAMPLES`] refreshes of one source, oldest first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct History {
    samples: VecDeque<Sample>,
}

impl History {
    pub fn push(&mut self, sample: Sample) {
        // Room for exactly the cap at once: grown by doubling, the buffer would end at 1,024
        // samples and copy itself on the way there.
        if self.samples.capacity() < MAX_SAMPLES {
            self.samples.reserve_exact(MAX_SAMPLES - self.samples.len());
        }
        if self.samples.len() == MAX_SAMPLES {
            self.samples.pop_front();
        }
        self.samples.push_back(sample);
    }

    pub fn len(&self) -> usize {
        self.samples.len()
    }

    pub fn is_empty(&self) -> bool {
        self.samples.is_empty()
    }

    pub fn samples(&self) -> impl Iterator<Item = &Sample> {
        self.samples.iter()
    }

    /// One SVG path per category that ever had jobs, scaled into `width` × `height` (y grows
    /// downwards, as in SVG). A refresh without an exact number breaks the line.
    pub fn lines(&self, width: f64, height: f64) -> Vec<Line> {
        let (Some(first), Some(last)) = (self.samples.front(), self.samples.back()) else {
            return Vec::new();
        };
        let span = (last.at_ms - first.at_ms).max(1) as f64;
        let max = self
            .samples
            .iter()
            .flat_map(Sample::counts)
            .max()
            .unwrap_or(0)
            .max(1);
        let x = |at: i64| {
            if self.samples.len() == 1 {
                width / 2.0
            } else {
                (at - first.at_ms) as f64 / span * width
            }
        };
        let y = |n: u64| height - n as f64 / max as f64 * height;
        StateCategory::ALL
            .iter()
            .enumerate()
            .filter(|(i, _)| {
                self.samples
                    .iter()
                    .any(|s| s.count(*i).is_some_and(|n| n > 0))
            })
            .map(|(i, cat)| {
                let mut path = String::new();
                let mut pen_down = false;
                for s in &self.samples {
                    match s.count(i) {
                        Some(n) => {
                            path.push_str(&format!(
                                "{}{},{}",
                                if pen_down { " L" } else { " M" },
                                crate::number::fixed(x(s.at_ms), 1),
                                crate::number::fixed(y(n), 1)
                            ));
                            pen_down = true;
                        }
                        None => pen_down = false,
                    }
                }
                let last = self
                    .samples
                    .iter()
                    .rev()
                    .find_map(|s| s.count(i).map(|n| (s.at_ms, n)));
                Line {
                    category: *cat,
                    path: path.trim_start().to_string(),
                    latest: last.map(|(_, n)| n),
                    end: last.map(|(at, n)| (x(at), y(n))),
                }
            })
            .collect()
    }

    /// The largest count drawn (the top of the y axis).
    pub fn max(&self) -> u64 {
        self.samples
            .iter()
            .flat_map(Sample::counts)
            .max()
            .unwrap_or(0)
    }

    /// How much time the chart covers.
    pub fn span_ms(&self) -> i64 {
        match (self.samples.front(), self.samples.back()) {
            (Some(a), Some(b)) => b.at_ms - a.at_ms,
            _ => 0,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub category: StateCategory,
    /// SVG path data (`M x,y L x,y …`).
    pub path: String,
    pub latest: Option<u64>,
    /// Where the line ends (its latest point), for a marker: a single refresh is a dot.
    pub end: Option<(f64, f64)>,
}

/// What changed between two refreshes of a source's counts, for a polite screen-reader
/// announcement ("Tines prod: running 4 → 5, failed 0 → 1"); `None` when nothing did.
pub fn describe_change(source_name: &str, before: &Counts, after: &Counts) -> Option<String> {
    let changes: Vec<String> = after
        .states
        .iter()
        .filter_map(|s| {
            let old = before
                .states
                .iter()
                .find(|b| b.state == s.state)
                .map_or(Count::Exact(0), |b| b.count);
            (old != s.count)
                .then(|| format!("{} {} → {}", s.state, old.display(), s.count.display()))
        })
        .collect();
    (!changes.is_empty()).then(|| format!("{source_name}: {}", changes.join(", ")))
}

/// One segment of the distribution bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    pub category: StateCategory,
    pub count: u64,
    pub x: f64,
    pub width: f64,
}

/// The state distribution as segments of a bar `width` wide, by category, in the model's
/// category order; only exact counts take part (an unknown count cannot be drawn honestly).
pub fn distribution(counts: &Counts, width: f64) -> Vec<Segment> {
    let by_cat: Vec<(StateCategory, u64)> = StateCategory::ALL
        .iter()
        .map(|cat| {
            (
                *cat,
                counts
                    .states
                    .iter()
                    .filter(|s| s.category == *cat)
                    .filter_map(|s| s.count.exact())
                    .fold(0u64, u64::saturating_add),
            )
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    let total: u64 = by_cat
        .iter()
        .map(|(_, n)| n)
        .fold(0u64, |a, b| a.saturating_add(*b));
    let mut x = 0.0;
    by_cat
        .into_iter()
        .map(|(category, count)| {
            let w = count as f64 / total as f64 * width;
            let seg = Segment {
                category,
                count,
                x,
                width: w,
            };
            x += w;
            seg
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CountMethod, StateCount};

    fn counts(items: &[(&str, StateCategory, Count)]) -> Counts {
        Counts {
            states: items
                .iter()
                .map(|(s, c, n)| StateCount {
                    state: s.to_string(),
                    category: *c,
                    count: *n,
                })
                .collect(),
            total: Count::Unknown,
            totals: Vec::new(),
            method: CountMethod::Reported,
        }
    }

    #[test]
    fn samples_add_states_by_category_and_refuse_guesses() {
        let c = counts(&[
            ("a", StateCategory::Running, Count::Exact(2)),
            ("b", StateCategory::Running, Count::Exact(3)),
            ("c", StateCategory::Failed, Count::AtLeast(4)),
        ]);
        let s = Sample::of(0, &c);
        assert_eq!(s.count(1), Some(5));
        assert_eq!(s.count(4), None, "at least 4 is not a point on a line");
        assert_eq!(s.count(0), None, "no queued state at all");
    }

    #[test]
    fn history_is_bounded_and_lines_break_on_gaps() {
        let mut h = History::default();
        for i in 0..(MAX_SAMPLES + 5) {
            h.push(Sample::new(
                i as i64 * 1000,
                [None, Some(i as u64 % 3), None, None, None, None, None],
            ));
        }
        assert_eq!(h.len(), MAX_SAMPLES);
        assert_eq!(h.samples().next().map(|s| s.at_ms), Some(5000));
        let mut h = History::default();
        h.push(Sample::new(
            0,
            [None, Some(0), None, None, None, None, None],
        ));
        h.push(Sample::new(
            10,
            [None, Some(4), None, None, None, None, None],
        ));
        h.push(Sample::new(20, [None; 7]));
        h.push(Sample::new(
            30,
            [None, Some(2), None, None, None, None, None],
        ));
        let lines = h.lines(300.0, 100.0);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].path, "M0.0,100.0 L100.0,0.0 M300.0,50.0");
        assert_eq!(lines[0].latest, Some(2));
        assert_eq!(lines[0].end, Some((300.0, 50.0)));
        assert_eq!(h.max(), 4);
    }

    #[test]
    fn changes_are_described_only_when_there_are_some() {
        let a = counts(&[
            ("running", StateCategory::Running, Count::Exact(4)),
            ("failed", StateCategory::Failed, Count::Exact(0)),
        ]);
        let b = counts(&[
            ("running", StateCategory::Running, Count::Exact(5)),
            ("failed", StateCategory::Failed, Count::Exact(0)),
        ]);
        assert_eq!(describe_change("Tines", &a, &a), None);
        assert_eq!(
            describe_change("Tines", &a, &b).as_deref(),
            Some("Tines: running 4 → 5")
        );
    }

    #[test]
    fn distribution_fills_the_bar() {
        let c = counts(&[
            ("a", StateCategory::Running, Count::Exact(1)),
            ("b", StateCategory::Succeeded, Count::Exact(3)),
            ("c", StateCategory::Failed, Count::Unknown),
        ]);
        let segs = distribution(&c, 200.0);
        assert_eq!(segs.len(), 2);
        assert_eq!((segs[0].x, segs[0].width), (0.0, 50.0));
        assert_eq!((segs[1].x, segs[1].width), (50.0, 150.0));
        assert!(distribution(&counts(&[]), 200.0).is_empty());
    }
}
