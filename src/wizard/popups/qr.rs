//! The portal's address as a QR code, for a smartphone (Chapter 1 is done
//! on a PC or phone with internet). Two cells per module with the ASCII
//! theme (the Japanese console), half blocks elsewhere.

use crate::cert::codes::codes;
use crate::i18n::{Lang, t, tf};
use crate::wizard::components::{Theme, centered, clear, text_box};
use ratatui::Frame;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn view(frame: &mut Frame<'_>, lang: Lang, th: &Theme) {
    let url = &codes().urls.portal;
    let Ok(code) = qrcode::QrCode::new(url.as_bytes()) else {
        return;
    };
    let n = code.width();
    let quiet = 2;
    let size = n + 2 * quiet;
    let dark = |x: usize, y: usize| -> bool {
        x >= quiet
            && y >= quiet
            && x < n + quiet
            && y < n + quiet
            && code[(x - quiet, y - quiet)] == qrcode::Color::Dark
    };
    let (w, h) = if th.ascii_borders {
        (size * 2, size)
    } else {
        (size, size.div_ceil(2))
    };
    let area = frame.area();
    let need_w = w as u16 + 2;
    let need_h = h as u16 + 3;
    if area.width < need_w || area.height < need_h {
        let r = centered(area, 70, 6);
        clear(frame, r);
        text_box(
            frame,
            th,
            r,
            t(lang, "apply.qr_title"),
            // The address itself is on the step's screen ([o] opens it).
            vec![Line::from(tf(
                lang,
                "apply.qr_too_small",
                &[("w", &need_w), ("h", &need_h)],
            ))],
        );
        return;
    }
    let r = centered(area, need_w, need_h);
    clear(frame, r);
    let block = th.block().title(format!(" {} ", t(lang, "apply.qr_title")));
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let qr_style = Style::default().fg(Color::Black).bg(Color::White);
    let mut lines = Vec::with_capacity(h);
    if th.ascii_borders {
        for y in 0..size {
            let spans: Vec<Span<'static>> = (0..size)
                .map(|x| {
                    let bg = if dark(x, y) {
                        Color::Black
                    } else {
                        Color::White
                    };
                    Span::styled("  ", Style::default().bg(bg))
                })
                .collect();
            lines.push(Line::from(spans));
        }
    } else {
        for y in (0..size).step_by(2) {
            let row: String = (0..size)
                .map(|x| match (dark(x, y), dark(x, y + 1)) {
                    (true, true) => '\u{2588}',
                    (true, false) => '\u{2580}',
                    (false, true) => '\u{2584}',
                    (false, false) => ' ',
                })
                .collect();
            lines.push(Line::from(Span::styled(row, qr_style)));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
