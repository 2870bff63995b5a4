//! `TextInput` under random edits with wide characters: the caret stays
//! within the text, the value has as many characters as the model, and
//! what is drawn fits the width with the caret inside it.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use oqscert::wizard::components::{TextInput, width};

#[derive(Arbitrary, Debug)]
enum Op {
    Insert(char),
    /// Wide and ambiguous-width characters, picked by index.
    Wide(u8),
    InsertStr(String),
    Set(String),
    Backspace,
    Delete,
    Left,
    Right,
    Home,
    End,
    Clear,
    View(u8, bool),
}

const WIDE: &[char] = &[
    '受', '付', '１', 'Ａ', '😀', '①', '※', 'ｱ', '\u{301}', '\u{200b}',
];

fuzz_target!(|ops: Vec<Op>| {
    let mut t = TextInput::new("");
    let mut model: Vec<char> = Vec::new();
    let mut caret = 0usize;
    for op in ops {
        match op {
            Op::Insert(c) => {
                t.insert(c);
                if !c.is_control() {
                    model.insert(caret, c);
                    caret += 1;
                }
            }
            Op::Wide(i) => {
                let c = WIDE[usize::from(i) % WIDE.len()];
                t.insert(c);
                model.insert(caret, c);
                caret += 1;
            }
            Op::InsertStr(s) => {
                t.insert_str(&s);
                for c in s.chars().filter(|c| !c.is_control()) {
                    model.insert(caret, c);
                    caret += 1;
                }
            }
            Op::Set(s) => {
                t.set(&s);
                model = s.chars().filter(|c| !c.is_control()).collect();
                caret = model.len();
            }
            Op::Backspace => {
                t.backspace();
                if caret > 0 {
                    caret -= 1;
                    model.remove(caret);
                }
            }
            Op::Delete => {
                t.delete();
                if caret < model.len() {
                    model.remove(caret);
                }
            }
            Op::Left => {
                t.left();
                caret = caret.saturating_sub(1);
            }
            Op::Right => {
                t.right();
                caret = (caret + 1).min(model.len());
            }
            Op::Home => {
                t.home();
                caret = 0;
            }
            Op::End => {
                t.end();
                caret = model.len();
            }
            Op::Clear => {
                t.clear();
                model.clear();
                caret = 0;
            }
            Op::View(w, masked) => {
                let w = u16::from(w.max(1));
                let (text, col) = t.visible(w, masked.then_some('*'));
                assert!(col < w, "caret column {col} outside width {w}");
                assert!(width(&text) <= usize::from(w), "{text:?} wider than {w}");
            }
        }
        assert_eq!(t.caret(), caret);
        assert!(t.caret() <= t.value().chars().count());
        assert_eq!(*t.value(), model.iter().collect::<String>());
    }
});
