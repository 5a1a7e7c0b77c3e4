//! Progress bars for long commands: drawn on a terminal, hidden otherwise
//! (in CI logs and pipes a bar is noise).

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

/// A bar counting `total` things called `unit`, or a hidden one when
/// stderr is not a terminal or `wanted` is false.
pub fn bar(total: u64, unit: &str, wanted: bool) -> ProgressBar {
    if !wanted || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total);
    if let Ok(style) = ProgressStyle::with_template(&format!(
        "{{bar:40}} {{pos}}/{{len}} {unit} {{per_sec}} eta {{eta}}"
    )) {
        bar.set_style(style);
    }
    bar
}
