//! A date cell as the spreadsheet shows it, from its number format
//! (`mmm-yy` shows "Aug-12"), so a plan keeps what the council wrote, and a
//! date shown only as a month is read as that month's end, as a person reads it.

use crate::model::date::Date;

/// The date as the format `code` shows it, and whether it shows the day.
/// `None` for formats that are not plain dates (times, text).
pub(crate) fn date_as_shown(date: Date, code: &str) -> Option<(String, bool)> {
    // The first section is for positive numbers; a date has no others.
    let code = code.split(';').next()?;
    let chars: Vec<char> = code.chars().collect();
    let mut out = String::new();
    let mut shows_day = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let run = chars[i..]
            .iter()
            .take_while(|x| x.eq_ignore_ascii_case(&c))
            .count();
        match c.to_ascii_lowercase() {
            '"' => {
                let end = chars[i + 1..].iter().position(|x| *x == '"')? + i + 1;
                out.extend(&chars[i + 1..end]);
                i = end + 1;
                continue;
            }
            '\\' => {
                out.push(*chars.get(i + 1)?);
                i += 2;
                continue;
            }
            '[' => {
                // Colours and locales ("[$-809]") change nothing shown here.
                i += chars[i..].iter().position(|x| *x == ']')? + 1;
                continue;
            }
            'd' => {
                match run {
                    1 => out.push_str(&date.day.to_string()),
                    2 => out.push_str(&format!("{:02}", date.day)),
                    3 => out.push_str(&weekday(date)[..3]),
                    _ => out.push_str(weekday(date)),
                }
                shows_day = true;
            }
            'm' => {
                let name = Date::month_name(date.month)?;
                match run {
                    1 => out.push_str(&date.month.to_string()),
                    2 => out.push_str(&format!("{:02}", date.month)),
                    3 => out.push_str(&name[..3]),
                    5 => out.push_str(&name[..1]),
                    _ => out.push_str(name),
                }
            }
            'y' => {
                if run <= 2 {
                    out.push_str(&format!("{:02}", date.year % 100));
                } else {
                    out.push_str(&date.year.to_string());
                }
            }
            // Hours, seconds, AM/PM, digits and text placeholders: not a plain date.
            'h' | 's' | '0' | '#' | '@' | '?' | 'e' | 'g' | 'b' => return None,
            _ => out.push_str(&chars[i..i + run].iter().collect::<String>()),
        }
        i += run;
    }
    (!out.is_empty()).then_some((out, shows_day))
}

fn weekday(date: Date) -> &'static str {
    const DAYS: [&str; 7] = [
        "Saturday",
        "Sunday",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
    ];
    // Zeller's congruence, January and February as months 13 and 14 of the year before.
    let (year, month) = if date.month < 3 {
        (i32::from(date.year) - 1, i32::from(date.month) + 12)
    } else {
        (i32::from(date.year), i32::from(date.month))
    };
    let (k, j) = (year % 100, year / 100);
    let h = (i32::from(date.day) + 13 * (month + 1) / 5 + k + k / 4 + j / 4 + 5 * j) % 7;
    DAYS[usize::try_from(h).unwrap_or(0)]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(code: &str) -> Option<(String, bool)> {
        date_as_shown(Date::new(2012, 8, 1).unwrap(), code)
    }

    #[test]
    fn dates_as_spreadsheets_show_them() {
        assert_eq!(shown("mmm\\-yy"), Some(("Aug-12".into(), false)));
        assert_eq!(shown("MMM-YY"), Some(("Aug-12".into(), false)));
        assert_eq!(shown("mmmm yyyy"), Some(("August 2012".into(), false)));
        assert_eq!(shown("dd/mm/yyyy"), Some(("01/08/2012".into(), true)));
        assert_eq!(shown("d/m/yy"), Some(("1/8/12".into(), true)));
        assert_eq!(
            shown("[$-809]dd mmmm yyyy;@"),
            Some(("01 August 2012".into(), true))
        );
        assert_eq!(shown("dddd d mmm"), Some(("Wednesday 1 Aug".into(), true)));
        assert_eq!(shown("ddd"), Some(("Wed".into(), true)));
        assert_eq!(shown("\"Due \"mmm"), Some(("Due Aug".into(), false)));
        assert_eq!(shown("mmmmm"), Some(("A".into(), false)));
        // Quoted text and escaped characters anywhere in the format.
        assert_eq!(
            shown("mmm\" of \"yyyy"),
            Some(("Aug of 2012".into(), false))
        );
        assert_eq!(shown("d\\/m"), Some(("1/8".into(), true)));
        assert_eq!(shown("General"), None);
        assert_eq!(shown("hh:mm"), None);
        assert_eq!(shown("0.00"), None);
        assert_eq!(shown(""), None);
        assert_eq!(weekday(Date::new(2026, 11, 30).unwrap()), "Monday");
        assert_eq!(weekday(Date::new(2000, 2, 29).unwrap()), "Tuesday");
        assert_eq!(weekday(Date::new(2024, 1, 1).unwrap()), "Monday");
        assert_eq!(weekday(Date::new(2024, 3, 1).unwrap()), "Friday");
        assert_eq!(weekday(Date::new(2024, 2, 29).unwrap()), "Thursday");
    }
}
