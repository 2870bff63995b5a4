//! 「画面 H」: the home screen. The institution, the four chapters with
//! their state and a mark on the next one, the health view, and the
//! certificate's end date with the most urgent alert (from the progress
//! file alone: the store is checked in the health view).

use super::chapter::{Chapter, Ctx};
use super::components::fit;
use super::msg::{Msg, Nav, Reply};
use super::popups::profiles::Profiles;
use crate::cert::codes::codes;
use crate::cert::health::{Alert, assess, whole_days};
use crate::cert::position::{ChapterId, Position};
use crate::cert::progress::{ChapterState, Progress};
use crate::i18n::{Lang, chapter_state_key, t, tf};
use crate::present::health::{alert_text, chapter_name};

/// Cells for a chapter's title in the list; a longer title would be cut
/// (the test below keeps every title inside).
const TITLE_CELLS: usize = 46;
use crate::wizard::components::paragraph;
use crate::wizard::components::picker::{Keys, Picker};
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use time::{Duration, OffsetDateTime};

/// Home entries: the four chapters, then the health view.
const ENTRIES: usize = 5;

#[derive(Debug, Clone)]
pub struct Model {
    pub selected: Picker,
    /// The profile picker (P), when open.
    profiles: Option<Profiles>,
}

impl Model {
    /// The highlight starts on the next chapter to do.
    pub fn new(p: &Progress) -> Self {
        Model {
            selected: Picker::at(next_row(p)),
            profiles: None,
        }
    }
}

pub fn chapter_state(p: &Progress, c: ChapterId) -> ChapterState {
    let s = &p.chapters;
    match c {
        ChapterId::Precheck => s.precheck,
        ChapterId::Apply => s.apply,
        ChapterId::Download => s.download,
        ChapterId::Install => s.install,
    }
}

/// The first chapter not done: where the "next" mark goes.
pub fn next_chapter(p: &Progress) -> Option<ChapterId> {
    ChapterId::ALL
        .into_iter()
        .find(|c| chapter_state(p, *c) != ChapterState::Done)
}

/// The row marked 次はここ (and selected on opening): the next chapter, or
/// 「4. 状態の確認」 once every chapter is done.
fn next_row(p: &Progress) -> usize {
    next_chapter(p).map_or(ENTRIES - 1, |c| c.number())
}

impl Chapter for Model {
    fn position(&self) -> Position {
        Position::Home
    }

    fn code(&self) -> String {
        "H".into()
    }

    fn title(&self, lang: Lang) -> String {
        t(lang, "home.title").into()
    }

    fn help_key(&self) -> &'static str {
        "home.help"
    }

    fn footer_keys(&self, lang: Lang, _p: &Progress) -> Vec<(&'static str, &'static str)> {
        vec![
            ("P", t(lang, "home.key_profiles")),
            ("T", t(lang, "home.key_selftest")),
        ]
    }

    fn is_editing(&self) -> bool {
        self.profiles.as_ref().is_some_and(Profiles::is_editing)
    }

    fn on_key(&mut self, key: KeyEvent, p: &mut Progress, ctx: &Ctx<'_>) -> Reply {
        let mut reply = Reply::default();
        if let Some(pp) = &mut self.profiles {
            if pp.on_key(key, &p.profile, ctx.lang, ctx.now, &mut reply) {
                self.profiles = None;
            }
            return reply;
        }
        match key.code {
            KeyCode::Char('p' | 'P') => self.profiles = Some(Profiles::open(&mut reply)),
            KeyCode::Char('t' | 'T') => reply.nav = Some(Nav::Selftest),
            KeyCode::Up | KeyCode::BackTab | KeyCode::Down | KeyCode::Tab => {
                self.selected.on_key(key.code, ENTRIES, Keys::ArrowsAndTab);
            }
            KeyCode::Enter => {
                reply.nav = Some(match self.selected.selected() {
                    0 => Nav::Precheck,
                    1 => Nav::Apply,
                    2 => Nav::Download,
                    3 => Nav::Install,
                    _ => Nav::Health,
                })
            }
            _ => {}
        }
        reply
    }

    fn view(&self, frame: &mut Frame<'_>, area: Rect, p: &Progress, ctx: &Ctx<'_>) {
        let lang = ctx.lang;
        let th = ctx.theme;
        let inst = &p.institution;
        let not_set = t(lang, "home.not_set");
        let or_not_set = |s: &str| {
            if s.is_empty() {
                not_set.to_string()
            } else {
                s.to_string()
            }
        };
        let mut lines = Vec::new();
        // Where the records are (on the stick, or this PC): the journey
        // crosses PCs and Windows users.
        if !ctx.machine.records.is_empty() {
            lines.push(Line::from(Span::styled(
                ctx.machine.records.clone(),
                th.dim(),
            )));
        }
        lines.extend([
            // Clinic and terminal on one row: the home keeps every state
            // on 80x24 with the records' row above.
            Line::from(format!(
                "{}: {}　{}: {}",
                t(lang, "home.institution"),
                or_not_set(&inst.name),
                t(lang, "home.terminal"),
                or_not_set(&inst.terminal_name)
            )),
            Line::from(tf(
                lang,
                "home.profile",
                &[(
                    "name",
                    &crate::present::profile::display_name(lang, &p.profile),
                )],
            )),
            Line::from(""),
            Line::from(t(lang, "home.intro").to_string()),
            Line::from(""),
        ]);
        let next = next_row(p);
        for i in 0..ENTRIES {
            let (label, state) = match ChapterId::ALL.get(i) {
                Some(c) => (
                    chapter_name(lang, *c).to_string(),
                    format!(" [{}]", t(lang, chapter_state_key(chapter_state(p, *c)))),
                ),
                None => (t(lang, "health.part4").to_string(), String::new()),
            };
            let mut spans = vec![
                Span::raw(self.selected.marker(i)),
                Span::styled(fit(&label, TITLE_CELLS), self.selected.style(i, th)),
                Span::raw(fit(&state, 16)),
            ];
            if i == next {
                spans.push(Span::styled(
                    format!(" {}", t(lang, "home.next_mark")),
                    th.warn(),
                ));
            }
            lines.push(Line::from(spans));
        }
        if next_chapter(p).is_none() {
            lines.push(Line::from(""));
            lines.push(Line::from(Span::styled(
                t(lang, "home.all_done").to_string(),
                th.ok(),
            )));
        }
        lines.extend(certificate_lines(p, ctx));
        lines.extend(application_lines(p, lang, ctx.now));
        frame.render_widget(Paragraph::new(paragraph::wrap(lines, area.width)), area);
        if let Some(pp) = &self.profiles {
            pp.view(frame, lang, th, &p.profile);
        }
    }

    fn on_result(&mut self, msg: &Msg, _p: &mut Progress, _ctx: &Ctx<'_>) -> Reply {
        let mut reply = Reply::default();
        if let Some(pp) = &mut self.profiles {
            pp.on_result(msg, &mut reply);
        }
        reply
    }

    fn cursor(&self, area: Rect) -> Option<(u16, u16)> {
        self.profiles.as_ref()?.cursor(area)
    }
}

/// The end date and the most urgent alert other than "expired".
fn certificate_lines(p: &Progress, ctx: &Ctx<'_>) -> Vec<Line<'static>> {
    let (lang, th, now) = (ctx.lang, ctx.theme, ctx.now);
    let Some(c) = &p.certificate else {
        return Vec::new();
    };
    let mut lines = vec![Line::from("")];
    let days = whole_days(now, c.not_after);
    lines.push(Line::from(if now >= c.not_after {
        Span::styled(
            tf(
                lang,
                "health.home_expired",
                &[("date", &crate::i18n::date(lang, c.not_after))],
            ),
            th.error(),
        )
    } else {
        Span::raw(tf(
            lang,
            "health.home_line",
            &[
                ("date", &crate::i18n::date(lang, c.not_after)),
                ("days", &days),
            ],
        ))
    }));
    let h = assess(p, None, &[], now);
    if let Some(a) = h
        .alerts
        .iter()
        .find(|a| !matches!(a, Alert::Expired { .. }))
    {
        lines.push(Line::from(Span::styled(alert_text(lang, a), th.warn())));
    }
    lines
}

/// The application date, and while Chapter 2 is not done, when the notice
/// should arrive and the download deadline.
fn application_lines(p: &Progress, lang: Lang, ctx_now: OffsetDateTime) -> Vec<Line<'static>> {
    let Some(applied) = p.application.applied_at else {
        return Vec::new();
    };
    // Waiting for the notice: Chapter 2 not done, and no certificate
    // verified since this application (one from before it is the old
    // certificate a renewal replaces). Once it came, the application's
    // dates are H-2's: the home keeps its rows for what is next.
    let waiting = p.chapters.download != ChapterState::Done
        && p.certificate
            .as_ref()
            .is_none_or(|c| c.verified_at < applied);
    if !waiting {
        return Vec::new();
    }
    let lt = &codes().lifetime;
    let d = |x: OffsetDateTime| crate::i18n::date(lang, x);
    let after = |days: u32| d(applied + Duration::days(i64::from(days)));
    let mut lines = vec![
        Line::from(""),
        Line::from(tf(lang, "home.applied", &[("date", &d(applied))])),
    ];
    {
        lines.push(Line::from(tf(
            lang,
            "home.mail_expected",
            &[
                ("from", &after(lt.mail_expected_min_days)),
                ("to", &after(lt.mail_expected_max_days)),
            ],
        )));
        lines.push(Line::from(tf(
            lang,
            "home.deadline",
            &[("date", &after(lt.download_deadline_days))],
        )));
        // A week gone without a notice: how to ask (the late note names the
        // status page itself, so the general line goes: all of it fits
        // 80x24); and if it was lost.
        let now = ctx_now;
        if now > applied + Duration::days(i64::from(lt.mail_expected_max_days)) {
            lines.push(Line::from(t(lang, "home.mail_late").to_string()));
        } else {
            lines.push(Line::from(t(lang, "home.status_check").to_string()));
            if p.chapters.download == ChapterState::NotStarted {
                // Day 6 needs the OQS user's sign-in: ask while waiting.
                lines.push(Line::from(t(lang, "home.prepare_user").to_string()));
            }
        }
        lines.push(Line::from(t(lang, "home.notice_lost").to_string()));
    }
    lines
}

#[cfg(test)]
mod title_tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn every_chapter_title_fits_its_column() {
        for lang in [Lang::Ja, Lang::En] {
            let titles = ChapterId::ALL
                .iter()
                .map(|c| chapter_name(lang, *c).to_string())
                .chain([t(lang, "health.part4").to_string()]);
            for title in titles {
                // One cell kept free before the state column.
                assert!(title.width() < TITLE_CELLS, "{lang:?}: {title} is cut");
            }
        }
    }
}
