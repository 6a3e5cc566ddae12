#include "dsl/messages.hpp"

#include <fmt/args.h>
#include <fmt/format.h>

#include <array>
#include <utility>

namespace arshjul::dsl {
namespace {

struct Text {
  Msg id;
  const char* sv;
  const char* en;
};

constexpr std::array kTexts{
    Text{Msg::expected_block,
         "förväntade process, roll, steg, kalender, inkludera, perspektiv, mål, aktivitet eller "
         "mätetal, fick {0}",
         "expected process, role, step, calendar, include, perspective, goal, activity or "
         "measure, got {0}"},
    Text{Msg::expected_field,
         "förväntade ett fält (NÄR, VEM, VAD, EFTER, SENAST, TYP, TAGG, OM, VART, UTFALL, "
         "LEDTID, ESKALERING, FLYTTA, NIVÅ, PERSPEKTIV, UNDER, MÅL, KLART, ENHET, RIKTNING, "
         "MÅLVÄRDE, UPPFÖLJNING), fick {0}",
         "expected a field (WHEN, WHO, WHAT, AFTER, DEADLINE, TYPE, TAG, IF, EVERY, OUTCOMES, "
         "LEAD, ESCALATE, SHIFT, LEVEL, PERSPECTIVE, PARENT, GOAL, DUE, UNIT, DIRECTION, "
         "TARGET, FOLLOWUP), got {0}"},
    Text{Msg::expected_when,
         "förväntade en tidsangivelse (t.ex. 'mars', 'februari-mars', '5 maj', 'slutet av maj', "
         "'vecka 12', 'Q1', 'T2', 'under året'), fick {0}",
         "expected a time (e.g. 'march', 'february-march', '5 may', 'end of may', 'week 12', "
         "'Q1', 'T2', 'whole year'), got {0}"},
    Text{Msg::expected_when_end,
         "förväntade ',', '-', 'nästa år' eller radslut efter tidsangivelsen, fick {0}",
         "expected ',', '-', 'next year' or end of line after the time, got {0}"},
    Text{Msg::expected_month, "förväntade ett månadsnamn, fick {0}",
         "expected a month name, got {0}"},
    Text{Msg::expected_week, "förväntade ett veckonummer, fick {0}",
         "expected a week number, got {0}"},
    Text{Msg::expected_day_month, "förväntade dag och månad (t.ex. '31 december'), fick {0}",
         "expected day and month (e.g. '31 december'), got {0}"},
    Text{Msg::expected_role, "förväntade ett rollnamn, fick {0}", "expected a role name, got {0}"},
    Text{Msg::expected_role_end,
         "förväntade 'per enhet', 'alias', 'rapporterar till' eller radslut, fick {0}",
         "expected 'per unit', 'alias', 'reports to' or end of line, got {0}"},
    Text{Msg::expected_step_id, "förväntade ett steg-id, fick {0}", "expected a step id, got {0}"},
    Text{Msg::expected_process_id, "förväntade ett process-id, fick {0}",
         "expected a process id, got {0}"},
    Text{Msg::expected_string, "förväntade en text inom citattecken, fick {0}",
         "expected a quoted text, got {0}"},
    Text{Msg::expected_closing_quote, "citattecknet avslutas aldrig på raden",
         "the quote is never closed on this line"},
    Text{Msg::expected_cycle_kind,
         "förväntade 'kalenderår', 'läsår' eller 'från' och en månad, fick {0}",
         "expected 'calendar-year', 'school-year' or 'from' and a month, got {0}"},
    Text{Msg::expected_text, "förväntade en text efter VAD, fick {0}",
         "expected a text after WHAT, got {0}"},
    Text{Msg::expected_end_of_line, "förväntade radslut, fick {0}",
         "expected end of line, got {0}"},
    Text{Msg::expected_equals, "förväntade '=' efter steget i OM, fick {0}",
         "expected '=' after the step in IF, got {0}"},
    Text{Msg::expected_outcome, "förväntade ett utfall efter '=', fick {0}",
         "expected an outcome after '=', got {0}"},
    Text{Msg::expected_outcome_name, "förväntade ett utfall, fick {0}",
         "expected an outcome, got {0}"},
    Text{Msg::expected_if_needed, "förväntade '(vid behov)', fick {0}",
         "expected '(if needed)', got {0}"},
    Text{Msg::expected_closing_paren, "förväntade ')', fick {0}", "expected ')', got {0}"},
    Text{Msg::expected_every, "förväntade 'VART 4:e år från 2022', fick {0}",
         "expected 'EVERY 4 YEARS FROM 2022', got {0}"},
    Text{Msg::expected_number, "förväntade ett tal, fick {0}", "expected a number, got {0}"},
    Text{Msg::expected_days, "förväntade 'dagar', fick {0}", "expected 'days', got {0}"},
    Text{Msg::expected_type,
         "förväntade en typ (möte, händelse, beslut, rapport, aktivitet, information, tema), fick "
         "{0}",
         "expected a type (meeting, event, decision, report, activity, information, theme), got "
         "{0}"},
    Text{Msg::expected_tag, "förväntade en tagg, fick {0}", "expected a tag, got {0}"},
    Text{Msg::expected_closed,
         "förväntade en stängd dag eller period (t.ex. '1 juli - 31 juli' eller '2026-10-12'), "
         "fick {0}",
         "expected a closed day or period (e.g. '1 july - 31 july' or '2026-10-12'), got {0}"},
    Text{Msg::expected_shift, "förväntade 'före', 'efter' eller 'aldrig', fick {0}",
         "expected 'before', 'after' or 'never', got {0}"},
    Text{Msg::expected_item_id, "förväntade ett id, fick {0}", "expected an id, got {0}"},
    Text{Msg::expected_level, "förväntade en nivå (nämndmål, förvaltningsmål, enhetsmål), fick {0}",
         "expected a level (board, administration, unit), got {0}"},
    Text{Msg::expected_direction, "förväntade 'högre' eller 'lägre', fick {0}",
         "expected 'higher' or 'lower', got {0}"},
    Text{Msg::expected_decimal, "förväntade ett tal (t.ex. '92,5'), fick {0}",
         "expected a number (e.g. '92.5'), got {0}"},
    Text{Msg::expected_tertial, "förväntade en tertial (T1, T2, T3), fick {0}",
         "expected a tertial (T1, T2, T3), got {0}"},
    Text{Msg::expected_years,
         "förväntade ett år eller en period (t.ex. '2019' eller '2019-2022'), fick {0}",
         "expected a year or a range (e.g. '2019' or '2019-2022'), got {0}"},
    Text{Msg::expected_measure_unit, "förväntade en måttenhet (t.ex. 'procent'), fick {0}",
         "expected a unit of measurement (e.g. 'percent'), got {0}"},
    Text{Msg::expected_next_line, "oväntat {0}", "unexpected {0}"},
    Text{Msg::unexpected_indent,
         "indragen rad utanför steg eller process; fält skrivs under 'steg ID'",
         "indented line outside a step or process; fields go under 'step ID'"},
    Text{Msg::unknown_month, "okänt månadsnamn '{0}'", "unknown month name '{0}'"},
    Text{Msg::day_not_in_month, "{0} {1} finns inte: {1} har högst {2} dagar",
         "{0} {1} does not exist: {1} has at most {2} days"},
    Text{Msg::week_out_of_range, "vecka {0} finns inte: veckor numreras 1-53",
         "week {0} does not exist: weeks are numbered 1-53"},
    Text{Msg::date_not_in_year, "{0} finns inte år {1}", "{0} does not exist in {1}"},
    Text{Msg::every_zero, "intervallet i VART måste vara minst 1 år",
         "the interval in EVERY must be at least 1 year"},
    Text{Msg::unknown_role, "okänd roll '{0}'", "unknown role '{0}'"},
    Text{Msg::unknown_step, "okänt steg '{0}'", "unknown step '{0}'"},
    Text{Msg::unknown_type,
         "okänd TYP '{0}': använd möte, händelse, beslut, rapport, aktivitet, information eller "
         "tema (egna ord med TAGG)",
         "unknown TYPE '{0}': use meeting, event, decision, report, activity, information or theme "
         "(own words with TAG)"},
    Text{Msg::unknown_outcome, "steget '{0}' har inget utfall '{1}' (UTFALL: {2})",
         "step '{0}' has no outcome '{1}' (OUTCOMES: {2})"},
    Text{Msg::no_outcomes_declared,
         "steget '{0}' anger inga UTFALL, så OM kan inte villkora på det",
         "step '{0}' declares no OUTCOMES, so IF cannot depend on it"},
    Text{Msg::duplicate_step, "steget '{0}' finns redan ({1})", "step '{0}' already exists ({1})"},
    Text{Msg::duplicate_role, "rollen '{0}' finns redan ({1})", "role '{0}' already exists ({1})"},
    Text{Msg::duplicate_field, "{0} anges redan för steget '{1}'",
         "{0} is already given for step '{1}'"},
    Text{Msg::missing_field, "steget '{0}' saknar {1}", "step '{0}' has no {1}"},
    Text{Msg::field_outside_block, "{0} hör hemma under {1}", "{0} belongs under {1}"},
    Text{Msg::dependency_cycle, "beroendecykel: {0}", "dependency cycle: {0}"},
    Text{Msg::dependency_order,
         "steget '{0}' slutar {1}, innan steget '{2}' som det beror på börjar ({3})",
         "step '{0}' ends {1}, before step '{2}' it depends on starts ({3})"},
    Text{Msg::deadline_before_start, "SENAST {0} ligger före fönstrets början {1}",
         "DEADLINE {0} is before the window starts on {1}"},
    Text{
        Msg::deadline_with_repeats,
        "SENAST kan bara anges för ett steg som sker en gång per cykel (NÄR har {0} tillfällen)",
        "DEADLINE can only be given for a step that happens once a cycle (WHEN has {0} occasions)"},
    Text{Msg::reports_to_cycle, "rapportkedjan går runt: {0}",
         "the chain of reporting goes round: {0}"},
    Text{Msg::duplicate_item_field, "{0} anges redan för '{1}'", "{0} is already given for '{1}'"},
    Text{Msg::missing_item_field, "'{0}' saknar {1}", "'{0}' has no {1}"},
    Text{Msg::duplicate_item, "'{0}' finns redan ({1})", "'{0}' already exists ({1})"},
    Text{Msg::unknown_goal, "okänt mål '{0}'", "unknown goal '{0}'"},
    Text{Msg::unknown_perspective, "okänt perspektiv '{0}'", "unknown perspective '{0}'"},
    Text{Msg::unknown_level, "okänd NIVÅ '{0}': använd nämndmål, förvaltningsmål eller enhetsmål",
         "unknown LEVEL '{0}': use board, administration or unit"},
    Text{Msg::unknown_direction, "okänd RIKTNING '{0}': använd högre eller lägre",
         "unknown DIRECTION '{0}': use higher or lower"},
    Text{Msg::goal_needs_parent, "målet '{0}' är ett {1} och behöver UNDER (målet ovanför)",
         "goal '{0}' is a {1} goal and needs PARENT (the goal above it)"},
    Text{Msg::goal_parent_level,
         "målet '{0}' ({1}) kan inte ligga under '{2}' ({3}): målet ovanför ska ha högre nivå",
         "goal '{0}' ({1}) cannot sit under '{2}' ({3}): the goal above must have a higher level"},
    Text{Msg::goal_perspective_conflict,
         "målet '{0}' har perspektivet '{1}' men ligger under '{2}' med perspektivet '{3}'",
         "goal '{0}' has perspective '{1}' but sits under '{2}' with perspective '{3}'"},
    Text{Msg::due_not_one_time, "KLART ska vara en tidpunkt eller period, inte {0} tillfällen",
         "DUE must be one time or period, not {0} occasions"},
    Text{Msg::valid_years_order, "gäller {0}-{1}: första året är efter det sista",
         "valid {0}-{1}: the first year is after the last"},
    Text{Msg::cannot_read, "kan inte läsa filen: {0}", "cannot read the file: {0}"},
    Text{Msg::include_missing, "kan inte inkludera '{0}': {1}", "cannot include '{0}': {1}"},
    Text{Msg::include_cycle, "filen inkluderar sig själv: {0}", "the file includes itself: {0}"},
    Text{Msg::include_has_process,
         "en inkluderad fil får inte öppna en process (den hör till processen i {0})",
         "an included file must not open a process (it belongs to the process in {0})"},
    Text{Msg::second_process, "filen har redan en process ({0}); en process per fil",
         "the file already has a process ({0}); one process per file"},
    Text{Msg::steps_without_process, "steg utan process: börja filen med 'process ID \"titel\"'",
         "step without a process: start the file with 'process ID \"title\"'"},
    Text{Msg::csv_unterminated_quote, "citattecknet avslutas aldrig", "the quote is never closed"},
    Text{Msg::csv_header, "förväntade rubrikraden '{0}', fick '{1}'",
         "expected the header line '{0}', got '{1}'"},
    Text{Msg::csv_columns, "raden har {0} fält, förväntade {1}",
         "the row has {0} fields, expected {1}"},
    Text{Msg::roster_duplicate, "raden finns redan ({0})", "the row already exists ({0})"},
    Text{Msg::roster_missing_unit, "rollen '{0}' finns per enhet: ange enhet",
         "role '{0}' is per unit: give the unit"},
    Text{Msg::record_unknown_process, "okänd process '{0}'", "unknown process '{0}'"},
    Text{Msg::record_ambiguous_step, "steget '{0}' finns i flera processer ({1}): ange process",
         "step '{0}' is in several processes ({1}): give the process"},
    Text{Msg::record_unit_required, "'{0}' görs per enhet: ange enhet",
         "'{0}' is done per unit: give the unit"},
    Text{Msg::record_unit_not_allowed, "'{0}' görs inte per enhet: ange ingen enhet",
         "'{0}' is not done per unit: give no unit"},
    Text{Msg::record_unknown_unit, "enheten '{0}' finns inte i enhetslistan",
         "unit '{0}' is not in the roster"},
    Text{Msg::record_bad_date, "'{0}' är inget datum som finns (skriv ÅÅÅÅ-MM-DD)",
         "'{0}' is not a date that exists (write YYYY-MM-DD)"},
    Text{Msg::record_date_range, "datumet {0} ligger orimligt långt från cykel {1} ({2} till {3})",
         "the date {0} is unreasonably far from cycle {1} ({2} to {3})"},
    Text{Msg::record_bad_year, "'{0}' är inget rimligt cykelår (2000-2100)",
         "'{0}' is not a sane cycle year (2000-2100)"},
    Text{Msg::record_no_outcomes, "steget '{0}' har inga UTFALL att ange",
         "step '{0}' has no OUTCOMES to give"},
    Text{Msg::record_not_this_year, "steget '{0}' sker inte i cykel {1}",
         "step '{0}' does not happen in cycle {1}"},
    Text{Msg::record_unknown_activity, "okänd aktivitet '{0}'", "unknown activity '{0}'"},
    Text{Msg::record_unknown_measure, "okänt mätetal '{0}'", "unknown measure '{0}'"},
    Text{Msg::record_unknown_status,
         "okänd status '{0}': använd pågående, genomfört, kvarstår eller klart",
         "unknown status '{0}': use ongoing, done, pending or closed"},
    Text{Msg::record_bad_period, "'{0}' är ingen period: skriv T1, T2 eller T3 (eller ÅÅÅÅ-T2)",
         "'{0}' is not a period: write T1, T2 or T3 (or YYYY-T2)"},
    Text{Msg::record_not_followed_up, "mätetalet '{0}' följs inte upp i T{1} (UPPFÖLJNING: {2})",
         "measure '{0}' is not followed up in T{1} (FOLLOWUP: {2})"},
    Text{Msg::record_bad_value, "'{0}' är inget tal", "'{0}' is not a number"},
    Text{Msg::record_process_not_valid, "processen '{0}' gäller inte {1} (gäller {2})",
         "process '{0}' does not apply to {1} (valid {2})"},
    Text{Msg::store_error, "lagret {0}: {1}", "the store {0}: {1}"},
    Text{Msg::did_you_mean, "; menade du '{0}'?", "; did you mean '{0}'?"},
    Text{Msg::event_on_closed_day,
         "'{0}' är en händelse som infaller {1}, en stängd dag ({2}); skriv FLYTTA före eller "
         "efter för att flytta den, FLYTTA aldrig om dagen är rätt",
         "'{0}' is an event on {1}, a closed day ({2}); write SHIFT before or after to move it, "
         "SHIFT never if the day is right"},
    Text{Msg::expected_time,
         "förväntade ett klockslag (t.ex. 'kl 9' eller 'kl 16.00–17.00'), fick {0}",
         "expected a time of day (e.g. 'at 9' or 'at 16.00–17.00'), got {0}"},
    Text{Msg::bad_time,
         "klockslaget '{0}' finns inte: timmar 0-23, minuter 0-59, och slutet efter början",
         "the time '{0}' does not exist: hours 0-23, minutes 0-59, and the end after the start"},
    Text{Msg::time_needs_day,
         "ett klockslag kan bara stå efter en dag (t.ex. '11 december kl 16'), inte efter '{0}'",
         "a time of day can only follow a day (e.g. '11 december at 16'), not '{0}'"},
    Text{Msg::expected_url, "förväntade en webbadress (https://…), fick {0}",
         "expected a web address (https://…), got {0}"},
    Text{Msg::hash_ends_text,
         "texten slutar vid '#': resten av raden är en kommentar; skriv \\# för ett '#' i texten "
         "och en webbadress med LÄNK",
         "the text ends at '#': the rest of the line is a comment; write \\# for a '#' in the text "
         "and a web address with LINK"},
    Text{Msg::field_as_continuation,
         "{0} är indraget som fortsättning på VAD och blir en del av texten; skriv {0} lika långt "
         "in som VAD",
         "{0} is indented as a continuation of WHAT and becomes part of its text; indent {0} as "
         "far as WHAT"},
    Text{Msg::not_utf8, "filen är inte UTF-8; spara den som UTF-8",
         "the file is not UTF-8; save it as UTF-8"},
    Text{Msg::phrasing, "skriv '{1}' i stället för '{0}'", "write '{1}' instead of '{0}'"},
    Text{Msg::approximately,
         "'{0}' behövs inte (en tidsangivelse är alltid ungefärlig): skriv den utan '{0}'",
         "'{0}' is not needed (a time is always approximate): write it without '{0}'"},
    Text{Msg::expected_in,
         "förväntade 'i' och en månad (t.ex. 'första måndagen i maj' eller 'i varje månad'), fick "
         "{0}",
         "expected 'in' and a month (e.g. 'first monday in may' or 'in every month'), got {0}"},
    Text{Msg::expected_every_other, "förväntade 'varannan vecka från vecka 35', fick {0}",
         "expected 'every other week from week 35', got {0}"},
    Text{Msg::nth_weekday_missing, "{0} finns inte år {1}", "{0} does not exist in {1}"},
};

constexpr bool in_enum_order() {
  for (std::size_t i = 0; i < kTexts.size(); ++i)
    if (static_cast<std::size_t>(kTexts[i].id) != i) return false;
  return kTexts.size() == static_cast<std::size_t>(kLastMsg) + 1;
}
// render() indexes the table by id, so a missing or misplaced row must not compile.
static_assert(in_enum_order(), "kTexts must hold one row per Msg, in enum order");

}  // namespace

std::string render(Msg id, const std::vector<std::string>& args, Lang lang) {
  const auto& text = kTexts[static_cast<std::size_t>(id)];
  fmt::dynamic_format_arg_store<fmt::format_context> store;
  for (const auto& a : args)
    store.push_back(a == kEndOfLineArg ? std::string(lang == Lang::sv ? "radslut" : "end of line")
                                       : a);
  for (std::size_t i = args.size(); i < 4; ++i) store.push_back(std::string());
  return fmt::vformat(lang == Lang::sv ? text.sv : text.en, store);
}

}  // namespace arshjul::dsl
