#include <catch2/catch.hpp>

#include "dsl/text.hpp"

using namespace arshjul::dsl;

TEST_CASE("fold compares Swedish words with and without diacritics") {
  CHECK(fold("NÄMND") == "namnd");
  CHECK(fold("Förvaltningschef") == "forvaltningschef");
  CHECK(fold("läsår") == fold("LASAR"));
  CHECK(fold("Åsa") == "asa");
}

TEST_CASE("closest suggests likely typos only") {
  std::vector<std::string> months{"januari", "augusti", "april"};
  CHECK(closest("agusti", months) == std::optional<std::string>("augusti"));
  CHECK(closest("AUGUSTI", months) == std::optional<std::string>("augusti"));
  CHECK_FALSE(closest("xyzzy", months).has_value());
}

TEST_CASE("utf8_length counts characters") {
  CHECK(utf8_length("NÄR") == 3);
  CHECK(utf8_length("–") == 1);
}
