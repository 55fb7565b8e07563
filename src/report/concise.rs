//! One line per finding or problem, as ruff's concise format: `path:line:col: outcome ID message`.

use super::Run;
use super::items::items;
use crate::base::escape::visible;

pub fn render(run: &Run<'_>) -> String {
    let mut out = String::new();
    for item in items(run) {
        out.push_str(&visible(&format!(
            "{}:{}:{}: {} {} {}",
            item.path,
            item.line,
            item.column,
            item.label,
            item.id_with_plan(),
            item.message_with_reason()
        )));
        out.push('\n');
    }
    out
}
