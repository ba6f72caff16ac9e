//! Vendor text for display: very long strings are clipped (the raw JSON viewer keeps all of it),
//! so a 100 KB error message cannot stall the page's layout.

/// Characters of one vendor string shown in place.
pub const MAX_SHOWN_CHARS: usize = 2_000;

pub fn clip(s: &str) -> String {
    let mut chars = s.char_indices();
    match chars.nth(MAX_SHOWN_CHARS) {
        None => s.to_string(),
        Some((cut, _)) => {
            let rest = s[cut..].chars().count();
            format!("{}… ({rest} more characters in the raw record)", &s[..cut])
        }
    }
}
