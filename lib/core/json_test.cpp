#include "json.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

namespace rpt::json {
namespace {

std::string write_temp(const std::string& content) {
  char name[] = "/tmp/rpt_json_test_XXXXXX";
  int fd = mkstemp(name);
  EXPECT_GE(fd, 0);
  EXPECT_EQ(write(fd, content.data(), content.size()), ssize_t(content.size()));
  close(fd);
  return name;
}

TEST(Writer, EscapesOnlyWhatJsonRequires) {
  std::string out;
  append_json_string(out, "法治\"a\\b\n\t\x01/");
  EXPECT_EQ(out, "\"法治\\\"a\\\\b\\n\\t\\u0001/\"");
  out.clear();
  append_int(out, -1234567890123);
  EXPECT_EQ(out, "-1234567890123");
}

// Parses one line and returns a description of its fields.
std::string fields_of(const std::string& content) {
  auto path = write_temp(content);
  JsonlReader r(path);
  std::string got;
  while (r.next()) {
    auto obj = r.parse();
    for (auto f : obj) {
      simdjson::ondemand::value v = f.value();
      got += std::string(f.unescaped_key().value()) + "=" + std::string(raw_json_of(v)) + ";";
    }
  }
  unlink(path.c_str());
  return got;
}

TEST(Reader, CopiesRawValuesAndSkipsBlankLines) {
  EXPECT_EQ(fields_of("{\"a\": [1, {\"b\": null}] , \"c\":\"x\\u6cd5\", \"d\": 1.50 }\n\n  \n"),
            "a=[1, {\"b\": null}];c=\"x\\u6cd5\";d=1.50;");
}

void expect_error(const std::string& content, uint64_t line, const std::string& words) {
  auto path = write_temp(content);
  JsonlReader r(path);
  bool thrown = false;
  try {
    while (r.next()) {
      auto obj = r.parse();
      for (auto f : obj) {
        simdjson::ondemand::value v = f.value();
        (void)raw_json_of(v);
      }
    }
  } catch (const DataError& e) {
    thrown = true;
    EXPECT_EQ(e.where().source, path);
    EXPECT_EQ(e.where().line, line) << e.what();
    EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
  } catch (const simdjson::simdjson_error& e) {
    thrown = true;  // raised while reading fields: callers turn these into DataError
    EXPECT_EQ(r.line().number, line);
  }
  EXPECT_TRUE(thrown) << content;
  unlink(path.c_str());
}

TEST(Reader, BadLinesNameTheirLine) {
  expect_error("{\"a\":1}\n[1,2]\n", 2, "expected a JSON object, found array");
  expect_error("{\"a\":1}\n\"text\"\n", 2, "found string");
  expect_error("{\"a\":1}\n{\"a\": \"trunc\n", 2, "not JSON");
  expect_error("{\"a\":1}\n{\"a\":1}}\n", 2, "text after");
  expect_error("{\"a\":1} {\"b\":2}\n", 1, "text after");
  expect_error("{\"a\":\"\xB7\xA8\xD6\xCE\"}\n", 1, "invalid UTF-8");
  expect_error("{\"a\":1,\n", 1, "not JSON");
}

TEST(Reader, EnormousLinesAreReadOrRefusedByTheLimit) {
  std::string big = "{\"text\":\"" + std::string(5 << 20, 'x') + "\"}\n{\"a\":1}\n";
  auto path = write_temp(big);
  {
    JsonlReader r(path);
    ASSERT_TRUE(r.next());
    auto obj = r.parse();
    std::string_view v = obj["text"].get_string().value();
    EXPECT_EQ(v.size(), size_t(5 << 20));
    ASSERT_TRUE(r.next());
    EXPECT_EQ(r.line().number, 2u);
  }
  {
    JsonlReader r(path, 1 << 20);
    EXPECT_THROW(r.next(), DataError);
  }
  unlink(path.c_str());
}

}  // namespace
}  // namespace rpt::json
