//! 「画面 1-3」: the institution's details, checked as they are typed.

use super::*;

pub(super) fn on_key(
    m: &mut Model,
    key: KeyEvent,
    p: &mut Progress,
    _ctx: &Ctx<'_>,
    reply: &mut Reply,
) {
    m.update_profile(key, p, reply);
}

pub(super) fn view(
    m: &Model,
    frame: &mut Frame<'_>,
    area: Rect,
    _inner: Rect,
    _p: &Progress,
    ctx: &Ctx<'_>,
) {
    m.view_profile(frame, area, ctx);
}

impl Model {
    fn update_profile(&mut self, key: KeyEvent, p: &mut Progress, reply: &mut Reply) {
        let n_types = codes().institution_types.len();
        match key.code {
            KeyCode::Esc => {
                self.store(p);
                self.step = Step::ThisPc;
                reply.save = true;
            }
            KeyCode::Tab | KeyCode::Down | KeyCode::BackTab | KeyCode::Up => {
                if self.focus() == Field::Prefecture {
                    self.settle_prefecture();
                }
                self.form.ring.on_key(key.code);
                self.store(p);
                reply.save = true;
            }
            KeyCode::Enter => {
                if self.focus() == Field::Prefecture {
                    self.settle_prefecture();
                }
                self.store(p);
                reply.save = true;
                if !self.form.ring.is_last() {
                    self.form.ring.next();
                } else if self
                    .form
                    .submit(self.errors().first().map(|(f, _)| f.index()))
                {
                    self.step = Step::Sheet;
                    self.sheet_sel = Picker::default();
                }
            }
            KeyCode::F(7) => self.toggle_code_kept(),
            code if self.focus() == Field::Type => match code {
                KeyCode::Left => {
                    self.type_idx = Some(
                        self.type_idx
                            .map_or(n_types - 1, |i| (i + n_types - 1) % n_types),
                    );
                }
                KeyCode::Right | KeyCode::Char(' ') => {
                    self.type_idx = Some(self.type_idx.map_or(0, |i| (i + 1) % n_types));
                }
                KeyCode::Char(c @ '1'..='9') => {
                    let i = (c as usize) - ('1' as usize);
                    if i < n_types {
                        self.type_idx = Some(i);
                    }
                }
                _ => {}
            },
            code => {
                let f = self.focus();
                self.input_mut(f).edit(code);
                if f == Field::Code7 {
                    self.ten_digit = None;
                    self.take_ten_digit_code();
                }
            }
        }
    }

    /// Rectangle of a field's input box in the body.
    fn view_profile(&self, frame: &mut Frame<'_>, body: Rect, ctx: &Ctx<'_>) {
        let lang = ctx.lang;
        let th = ctx.theme;
        let errors = self.errors();
        let err_of = |f: Field| errors.iter().find(|(g, _)| *g == f).map(|(_, k)| *k);
        frame.render_widget(
            Paragraph::new(Span::styled(
                t(lang, "apply.profile_keys").to_string(),
                th.dim(),
            )),
            Rect {
                x: body.x + 2,
                width: body.width.saturating_sub(4),
                height: 1,
                ..body
            },
        );
        for f in Field::ALL {
            let r = Self::field_rect(body, f);
            let focused = f == self.focus();
            let label_style = self.form.label_style(th, f.index(), err_of(f).is_some());
            let label_rect = Rect {
                x: body.x + 2,
                y: r.y,
                width: LABEL_CELLS as u16,
                height: 1,
            };
            // One-line spans, already fitted: drawn as spans, not
            // paragraphs (no area restyle, no line truncator), which keeps
            // this ten-row form under 100 us a frame (docs/PERFORMANCE.md).
            frame.render_widget(
                Span::styled(fit(t(lang, f.label_key()), LABEL_CELLS), label_style),
                label_rect,
            );
            if focused {
                frame.render_widget(
                    Span::raw(crate::wizard::components::form::marker(true)),
                    Rect {
                        x: body.x,
                        width: 2,
                        ..label_rect
                    },
                );
            }
            let value = if f == Field::Type {
                match self.type_idx.and_then(|i| codes().institution_types.get(i)) {
                    Some(ty) => format!(
                        "< {} >",
                        if lang == Lang::Ja {
                            &ty.name_ja
                        } else {
                            &ty.name_en
                        }
                    ),
                    None => format!("< {} >", t(lang, "apply.type_hint")),
                }
            } else {
                self.input(f).visible(r.width, None).0
            };
            let value_style = if focused {
                Style::default().fg(Color::White).bg(Color::Blue)
            } else {
                Style::default()
            };
            frame.render_widget(Span::styled(fit(&value, r.width as usize), value_style), r);
        }
        // Notes for the focused field: live checks, candidates, errors.
        let mut notes: Vec<Line<'static>> = Vec::new();
        match self.focus() {
            Field::Prefecture => {
                let m = match_prefectures(&self.input(Field::Prefecture).value());
                if m.len() == 1 {
                    notes.push(Line::from(Span::styled(
                        format!("{} {}", m[0].code, m[0].name_ja),
                        th.ok(),
                    )));
                } else if m.len() > 1 {
                    let list: Vec<String> = m
                        .iter()
                        .take(8)
                        .map(|p| format!("{} {}", p.code, p.name_ja))
                        .collect();
                    notes.push(Line::from(tf(
                        lang,
                        "apply.pref_candidates",
                        &[("list", &list.join(", "))],
                    )));
                } else {
                    notes.push(Line::from(Span::styled(
                        t(lang, "apply.pref_hint").to_string(),
                        th.dim(),
                    )));
                }
            }
            Field::Code7 => notes.extend(self.code_note(lang, th)),
            Field::Name => notes.push(Line::from(Span::styled(
                t(lang, "apply.name_note").to_string(),
                th.dim(),
            ))),
            Field::Department | Field::Phone | Field::Email => notes.push(Line::from(
                Span::styled(t(lang, "apply.contact_note").to_string(), th.dim()),
            )),
            Field::Terminal => notes.push(Line::from(Span::styled(
                t(
                    lang,
                    // Another PC: say where its name is read.
                    if self.terminal_elsewhere {
                        "apply.terminal_where"
                    } else {
                        "apply.terminal_note"
                    },
                )
                .to_string(),
                th.dim(),
            ))),
            Field::Type => {}
        }
        if self.focus() != Field::Code7 && self.institution_code().is_some() {
            notes.extend(self.code_note(lang, th));
        }
        if self.form.showing_errors() {
            if let Some(k) = err_of(self.focus()) {
                notes.push(Line::from(Span::styled(t(lang, k).to_string(), th.error())));
            } else if !errors.is_empty() {
                notes.push(Line::from(Span::styled(
                    t(lang, "apply.errors_left").to_string(),
                    th.error(),
                )));
            }
        }
        let top = body.y + 1 + Field::ALL.len() as u16 + 1;
        if top < body.y + body.height {
            let area = Rect {
                x: body.x + 2,
                y: top,
                width: body.width.saturating_sub(4),
                height: body.y + body.height - top,
            };
            frame.render_widget(
                Paragraph::new(crate::wizard::components::paragraph::wrap(
                    notes, area.width,
                )),
                area,
            );
        }
    }

    /// What the code field says of the code: where a 10-digit code went,
    /// the check digit's result (a mismatch with the code split into its
    /// parts, to compare with the 保険医療機関届), or what is missing.
    fn code_note(&self, lang: Lang, th: &widgets::Theme) -> Vec<Line<'static>> {
        let one = |text: String, style| vec![Line::from(Span::styled(text, style))];
        if let Some(ten) = &self.ten_digit
            && self.focus() == Field::Code7
        {
            let mut lines = one(tf(lang, "apply.code_from_ten", &[("ten", ten)]), th.ok());
            // The check's result too, at once: a code that does not fit
            // is not shown green.
            if let Some(code) = self.institution_code()
                && code.check().rule.is_none()
            {
                lines.extend(self.code_mismatch(lang, th, &code));
            }
            return lines;
        }
        if self.first_seven_of_ten()
            && self
                .institution_code()
                .is_some_and(|c| c.check().rule.is_none())
        {
            return one(t(lang, "apply.code_first_seven").to_string(), th.warn());
        }
        match self.institution_code() {
            Some(code) => {
                let out = code.check();
                // Matched only the rule this prefecture does not usually
                // use: likely a typo that happens to fit, so not "OK".
                if let (Some(_), Some(key)) = (out.rule, out.note_key()) {
                    return one(format!("{} {}", code.as_ten(), t(lang, key)), th.warn());
                }
                match out.rule {
                    Some(Rule::NineDigit) => one(
                        format!("{} {}", code.as_ten(), t(lang, "apply.code_ok_nine")),
                        th.ok(),
                    ),
                    Some(Rule::SixDigit) => one(
                        format!("{} {}", code.as_ten(), t(lang, "apply.code_ok_six")),
                        th.ok(),
                    ),
                    None => self.code_mismatch(lang, th, &code),
                }
            }
            None => one(t(lang, "apply.code_needs_pref").to_string(), th.dim()),
        }
    }

    /// A code that fits neither rule: split into its parts, and what to do
    /// (or, once kept with F7, that it is kept).
    fn code_mismatch(
        &self,
        lang: Lang,
        th: &widgets::Theme,
        code: &crate::cert::institution::InstitutionCode,
    ) -> Vec<Line<'static>> {
        let ten = code.as_ten();
        let (pref, table) = (code.prefecture(), code.table());
        let (pref_name, table_name) = match lang {
            Lang::Ja => (&pref.name_ja, &table.name_ja),
            Lang::En => (&pref.name_en, &table.name_en),
        };
        let parts = tf(
            lang,
            "apply.code_parts",
            &[
                ("pref", &&ten[0..2]),
                ("pref_name", pref_name),
                ("table", &&ten[2..3]),
                ("table_name", table_name),
                ("area", &&ten[3..5]),
                ("number", &&ten[5..9]),
                ("check", &&ten[9..10]),
            ],
        );
        let said = if self.code_kept.as_deref() == Some(ten.as_str()) {
            Line::from(Span::styled(
                t(lang, "apply.code_kept").to_string(),
                th.warn(),
            ))
        } else {
            Line::from(Span::styled(
                tf(lang, "apply.code_warn", &[("ten", &ten)]),
                th.warn(),
            ))
        };
        vec![said, Line::from(format!("  {parts}"))]
    }
}
