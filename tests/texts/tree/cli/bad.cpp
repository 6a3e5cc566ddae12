// Each line below words user text outside the catalogue.
void f(bool sv, Lang lang) {
  std::cout << (sv ? "Hej\n" : "Hello\n");
  std::cout << (lang == dsl::Lang::sv ? "klar" : "done");
  std::cout << tr(lang, "försenad", "overdue");
}
