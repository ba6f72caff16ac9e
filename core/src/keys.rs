//! Keyboard shortcuts: which key does what, including the two-key "g o" / "g s". Pure, so the
//! mapping is tested natively; the app only listens and acts.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// `?`: the help overlay.
    Help,
    /// `/`: focus the table's search box.
    FocusSearch,
    /// `r`: refresh every source on the page now.
    Refresh,
    /// `g o`: the overview.
    GoOverview,
    /// `g s`: settings.
    GoSettings,
    /// `j`: the next row.
    NextRow,
    /// `k`: the previous row.
    PreviousRow,
    /// `Enter` on a selected row: open it.
    Open,
    /// `Esc`: close the overlay, or go back one level.
    Back,
}

/// Every shortcut as the help overlay lists it.
pub const HELP: &[(&str, &str)] = &[
    ("?", "Show or hide this help"),
    ("/", "Search the loaded rows"),
    ("r", "Refresh now"),
    ("g o", "Go to the overview"),
    ("g s", "Go to settings"),
    ("j / k", "Next / previous row"),
    ("Enter", "Open the selected row"),
    ("Esc", "Close help, or go back one level"),
];

/// Reads keys one at a time, remembering a pending `g`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KeyReader {
    pending_g: bool,
}

impl KeyReader {
    /// The action for `key` (a `KeyboardEvent.key`), if any. Keys with Ctrl, Alt or Meta held
    /// belong to the browser and are never taken.
    pub fn read(&mut self, key: &str, ctrl_alt_meta: bool) -> Option<Action> {
        let after_g = std::mem::take(&mut self.pending_g);
        if ctrl_alt_meta {
            return None;
        }
        if after_g {
            return match key {
                "o" => Some(Action::GoOverview),
                "s" => Some(Action::GoSettings),
                _ => None,
            };
        }
        match key {
            "?" => Some(Action::Help),
            "/" => Some(Action::FocusSearch),
            "r" => Some(Action::Refresh),
            "j" => Some(Action::NextRow),
            "k" => Some(Action::PreviousRow),
            "Enter" => Some(Action::Open),
            "Escape" => Some(Action::Back),
            "g" => {
                self.pending_g = true;
                None
            }
            _ => None,
        }
    }
}

/// The row selected after a `j`/`k` press, given the current one and the number of rows.
/// Starts at the first (or last) row and stays within the table.
pub fn move_selection(current: Option<usize>, rows: usize, action: Action) -> Option<usize> {
    if rows == 0 {
        return None;
    }
    let last = rows - 1;
    match (action, current) {
        (Action::NextRow, None) => Some(0),
        (Action::PreviousRow, None) => Some(last),
        (Action::NextRow, Some(i)) => Some((i + 1).min(last)),
        (Action::PreviousRow, Some(i)) => Some(i.saturating_sub(1).min(last)),
        (_, c) => c.map(|i| i.min(last)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_key_sequences() {
        let mut r = KeyReader::default();
        assert_eq!(r.read("g", false), None);
        assert_eq!(r.read("o", false), Some(Action::GoOverview));
        assert_eq!(r.read("o", false), None, "o alone does nothing");
        r.read("g", false);
        assert_eq!(r.read("x", false), None);
        assert_eq!(
            r.read("r", false),
            Some(Action::Refresh),
            "a wrong second key resets"
        );
        r.read("g", false);
        assert_eq!(r.read("s", false), Some(Action::GoSettings));
    }

    #[test]
    fn modified_keys_belong_to_the_browser() {
        let mut r = KeyReader::default();
        assert_eq!(r.read("r", true), None);
        assert_eq!(r.read("?", false), Some(Action::Help));
        assert_eq!(r.read("Escape", false), Some(Action::Back));
    }

    #[test]
    fn selection_stays_in_the_table() {
        assert_eq!(move_selection(None, 3, Action::NextRow), Some(0));
        assert_eq!(move_selection(None, 3, Action::PreviousRow), Some(2));
        assert_eq!(move_selection(Some(2), 3, Action::NextRow), Some(2));
        assert_eq!(move_selection(Some(0), 3, Action::PreviousRow), Some(0));
        assert_eq!(move_selection(Some(9), 3, Action::Open), Some(2));
        assert_eq!(move_selection(Some(1), 0, Action::NextRow), None);
    }
}
