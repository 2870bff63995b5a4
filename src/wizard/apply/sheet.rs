//! 「画面 1-4」: the sheet of values to type into the portal (print, copy).

use super::*;
use crate::present::document::{Document, Field as DocField, Section};
use crate::wizard::components::paragraph;
use crate::wizard::components::picker::Keys;

pub(super) fn on_key(
    m: &mut Model,
    key: KeyEvent,
    _p: &mut Progress,
    ctx: &Ctx<'_>,
    reply: &mut Reply,
) {
    match key.code {
        KeyCode::Up | KeyCode::BackTab | KeyCode::Down | KeyCode::Tab => {
            let rows = m.sheet_rows(ctx.lang).len();
            m.sheet_sel.on_key(key.code, rows, Keys::ArrowsAndTab);
        }
        KeyCode::Char('c') => {
            let rows = m.sheet_rows(ctx.lang);
            if let Some((label, value, _)) = rows.get(m.sheet_sel.selected()) {
                reply.effects.push(Effect::Copy {
                    text: value.as_str().into(),
                    what: label.clone(),
                });
            }
        }
        KeyCode::Char('e') => {
            let (text, html) = m.sheet_documents(ctx.lang);
            reply.effects.push(Effect::ExportSheet {
                stem: "application-sheet".into(),
                dir: ctx.profile_dir.clone(),
                text,
                html,
            });
        }
        KeyCode::Enter => {
            m.step = Step::Portal(1);
            reply.save = true;
        }
        KeyCode::Esc => {
            m.step = Step::Profile;
            reply.save = true;
        }
        _ => {}
    };
}

pub(super) fn view(
    m: &Model,
    frame: &mut Frame<'_>,
    _area: Rect,
    inner: Rect,
    _p: &Progress,
    ctx: &Ctx<'_>,
) {
    let lang = ctx.lang;
    let th = ctx.theme;
    m.view_sheet(frame, inner, lang, th);
}

impl Model {
    /// The sheet: (label, value, confirmed) in the portal form's order.
    pub fn sheet_rows(&self, lang: Lang) -> Vec<(String, String, bool)> {
        let c = codes();
        let ty = self.type_idx.and_then(|i| c.institution_types.get(i));
        // Only the dental values are on the help page. For another type
        // no value is made up: the row says to pick it from the portal's
        // list, by the name the person knows.
        let pick = |name: &str| tf(lang, "apply.pick_from_list", &[("name", &name)]);
        let (bunrui, bunrui_ok) = match ty {
            Some(ty) if ty.bunrui_confirmed => (ty.bunrui.clone(), true),
            Some(ty) => (
                pick(if lang == Lang::Ja {
                    &ty.name_ja
                } else {
                    &ty.name_en
                }),
                true,
            ),
            None => (String::new(), false),
        };
        let table = ty.and_then(|ty| c.table(&ty.table));
        let (table_v, table_ok) = match table {
            Some(tb) if tb.confirmed => (tb.form_value.clone(), true),
            Some(tb) => (
                pick(if lang == Lang::Ja {
                    &tb.name_ja
                } else {
                    &tb.name_en
                }),
                true,
            ),
            None => (String::new(), false),
        };
        let pref = self
            .resolved_prefecture()
            .map(|p| format!("{} {}", p.code, p.name_ja))
            .unwrap_or_default();
        let code7 = normalize_digits(&self.input(Field::Code7).value()).unwrap_or_default();
        vec![
            (t(lang, "apply.s_bunrui").into(), bunrui, bunrui_ok),
            // How the portal's list shows a prefecture is not on the help
            // page ([facts.prefecture_display]): a guide until confirmed.
            (
                t(lang, "apply.s_prefecture").into(),
                pref,
                c.confirmed("prefecture_display"),
            ),
            (t(lang, "apply.s_table").into(), table_v, table_ok),
            (t(lang, "apply.s_code7").into(), code7, true),
            (
                t(lang, "apply.f_name").into(),
                self.input(Field::Name).value().to_string(),
                true,
            ),
            (
                t(lang, "apply.f_department").into(),
                self.input(Field::Department).value().to_string(),
                true,
            ),
            (
                t(lang, "apply.f_phone").into(),
                self.input(Field::Phone).value().to_string(),
                true,
            ),
            (
                t(lang, "apply.f_email").into(),
                self.input(Field::Email).value().to_string(),
                true,
            ),
            (
                t(lang, "apply.f_terminal").into(),
                self.input(Field::Terminal).value().to_string(),
                true,
            ),
        ]
    }

    /// The sheet's first sentence: it speaks of rows to pick from the
    /// portal's list only when there are some (a type other than dental).
    fn sheet_intro_key(&self) -> &'static str {
        let c = codes();
        let confirmed = self
            .type_idx
            .and_then(|i| c.institution_types.get(i))
            .is_some_and(|ty| {
                ty.bunrui_confirmed && c.table(&ty.table).is_some_and(|tb| tb.confirmed)
            });
        if confirmed {
            "apply.sheet_intro_plain"
        } else {
            "apply.sheet_intro"
        }
    }

    /// The printable sheet as plain text and as HTML (A4, no secrets).
    pub fn sheet_documents(&self, lang: Lang) -> (String, String) {
        let note = t(lang, "apply.sheet_unconfirmed");
        let fields = self
            .sheet_rows(lang)
            .into_iter()
            .map(|(label, value, ok)| DocField::Pair {
                label,
                value,
                note: (!ok).then(|| note.to_string()),
            })
            .collect();
        let d = Document {
            lang,
            title: t(lang, "apply.sheet_title").into(),
            intro: Some(t(lang, self.sheet_intro_key()).into()),
            sections: vec![Section {
                title: None,
                fields,
            }],
            footer: codes().urls.portal.clone(),
        };
        (d.text(), d.html())
    }

    pub(super) fn view_sheet(
        &self,
        frame: &mut Frame<'_>,
        area: Rect,
        lang: Lang,
        th: &widgets::Theme,
    ) {
        let mut lines = vec![
            Line::from(t(lang, self.sheet_intro_key()).to_string()),
            Line::from(""),
        ];
        for (i, (label, value, ok)) in self.sheet_rows(lang).into_iter().enumerate() {
            // Under a popup the sheet is not what the keys move.
            let sel = self.sheet_sel.is(i) && self.popup.is_none();
            // The value (and its note) wraps in its own column, so a
            // continued line never runs back under the labels.
            let gap = if value.is_empty() { "" } else { " " };
            let mut value_spans = vec![Span::raw(value)];
            if !ok {
                value_spans.push(Span::styled(
                    format!("{gap}{}", t(lang, "apply.sheet_unconfirmed")),
                    th.warn(),
                ));
            }
            const COLUMN: u16 = 25;
            let room = area.width.saturating_sub(COLUMN).max(10);
            let wrapped = paragraph::wrap(vec![Line::from(value_spans)], room);
            for (row, part) in wrapped.into_iter().enumerate() {
                let mut spans = if row == 0 {
                    vec![
                        Span::raw(if sel { "> " } else { "  " }),
                        Span::styled(
                            fit(&label, 22),
                            if sel { th.highlight() } else { th.title() },
                        ),
                        Span::raw(" "),
                    ]
                } else {
                    vec![Span::raw(" ".repeat(usize::from(COLUMN)))]
                };
                spans.extend(part.spans);
                lines.push(Line::from(spans));
            }
        }
        frame.render_widget(Paragraph::new(paragraph::wrap(lines, area.width)), area);
    }
}
