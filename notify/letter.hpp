#pragma once
// What a reminder says, once, as a letter of sections and paragraphs; and that letter as
// plain text (lines under 78 characters) and as HTML that reflows on a phone (the present/
// layer's HTML writer escapes every text). The e-mail (mail.cpp) carries both.
#include <string>
#include <vector>

#include "dsl/messages.hpp"
#include "dsl/model.hpp"
#include "engine/reminders.hpp"

namespace arshjul::notify {

struct MailOptions;

/// One thing to do: a step (with the units still waiting for it), an activity or a measure.
struct Paragraph {
  std::string title;               ///< the step's title or its VAD shortened; never an id
  std::string where;               ///< "Process 2026, unit, role"
  std::string task;                ///< the VAD in full, when the title does not already say it
  std::vector<std::string> lines;  ///< when, the units waiting, a status
  std::string link;                ///< the step's LÄNK
};

struct LetterSection {
  std::string heading;
  std::vector<Paragraph> paragraphs;
};

/// The whole reminder to one person.
struct Letter {
  std::string subject;
  std::string greeting;  ///< "Hej Ulf,"
  std::string intro;
  std::vector<LetterSection> sections;
  std::string sign_in_text, sign_in_link;  ///< both empty without a link base
  std::string contact;                     ///< "Frågor om årshjulet: ..." or empty
  std::string signature;
};

/// The letter for reminder `r`: each task once, the tasks of one step in one paragraph with
/// its units, a subject that says how many and by when.
Letter write_letter(const engine::Reminder& r, const std::vector<dsl::Process>& processes,
                    const MailOptions& options);

/// The letter as plain text with LF line ends, wrapped at 72 characters.
std::string letter_text(const Letter& letter);
/// The letter as a self-contained HTML page: no fixed widths, every text escaped.
std::string letter_html(const Letter& letter, dsl::Lang lang);

/// The name to greet someone by: the first name of "Ulf Sjöberg (ordförande)" or of "Lind,
/// Anna"; the whole name when it has no spaces.
std::string first_name(std::string_view name);

}  // namespace arshjul::notify
