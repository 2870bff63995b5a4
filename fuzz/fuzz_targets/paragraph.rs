//! `wrap_text` with random widths: no line wider than the width (as the
//! wizard measures it: ambiguous-width characters count two), and nothing
//! lost but spaces. A single character wider than the width (a wide one
//! at width 1, U+3000 included) is allowed on a line of its own (with its
//! indent), and spaces may hang past the end of a line.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use oqscert::wizard::components::paragraph::wrap_text;
use oqscert::wizard::components::width;

#[derive(Arbitrary, Debug)]
struct Input {
    text: String,
    width: u8,
}

fuzz_target!(|input: Input| {
    let w = usize::from(input.width.max(1));
    // One line in: newlines and other controls are the caller's business.
    let text: String = input.text.chars().filter(|c| !c.is_control()).collect();
    let lines = wrap_text(&text, w);
    for l in &lines {
        // Spaces at a line's end hang past the width (the frame clips
        // them; they are never drawn over anything). Below 4 cells an
        // indent plus one wide character cannot fit either.
        let lw = width(l.trim_end());
        assert!(
            lw <= w || l.trim().chars().count() <= 1,
            "{l:?} is {lw} wide, limit {w}"
        );
    }
    let kept: String = lines
        .concat()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let given: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert_eq!(kept, given, "characters lost or added");
});
