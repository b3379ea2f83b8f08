#include "io.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "test_util.h"

namespace rpt {
namespace {

namespace fs = std::filesystem;

struct TempDir {
  fs::path path;
  TempDir() {
    char name[] = "/tmp/rpt_io_test_XXXXXX";
    path = mkdtemp(name);
  }
  ~TempDir() { fs::remove_all(path); }
};

void write(const fs::path& p, const std::string& s) {
  FILE* f = fopen(p.c_str(), "wb");
  fwrite(s.data(), 1, s.size(), f);
  fclose(f);
}

TEST(LineReader, LinesAcrossBufferRefillsWithLineNumbers) {
  TempDir d;
  std::string long_line(3 << 20, 'y');  // larger than the initial 1 MiB buffer
  write(d.path / "a", "one\r\ntwo\n" + long_line + "\n\nlast");
  LineReader r((d.path / "a").string());
  LineReader::Line l;
  std::vector<std::string> got;
  std::vector<uint64_t> numbers, offsets;
  while (r.next(l)) {
    got.emplace_back(l.text);
    numbers.push_back(l.number);
    offsets.push_back(l.offset);
  }
  ASSERT_EQ(got.size(), 5u);
  EXPECT_EQ(got[0], "one");
  EXPECT_EQ(got[1], "two");
  EXPECT_EQ(got[2], long_line);
  EXPECT_EQ(got[3], "");
  EXPECT_EQ(got[4], "last");
  EXPECT_EQ(numbers, (std::vector<uint64_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(offsets[2], 9u);
  EXPECT_EQ(offsets[4], 9u + long_line.size() + 2);
}

TEST(LineReader, PrefixIsReadFirst) {
  TempDir d;
  write(d.path / "a", "c\nd\n");
  LineReader r((d.path / "a").string(), 1 << 20, "a\nb");
  LineReader::Line l;
  std::string all;
  while (r.next(l)) all += std::string(l.text) + "|";
  EXPECT_EQ(all, "a|bc|d|");
}

TEST(LineReader, LoneCarriageReturnsEndLinesAndABomIsNotText) {
  TempDir d;
  // A BOM, CR-only ends, a CRLF, and a '\r' that is the last byte of the first 1 MiB read (the
  // reader must look at the next byte before deciding it is a lone one).
  std::string big(size_t(1 << 20) - 11, 'z');
  write(d.path / "a",
        "\xEF\xBB\xBF"
        "a\rb\r\nc\r" +
            big + "\r\nlast\r");
  LineReader r((d.path / "a").string());
  LineReader::Line l;
  std::vector<std::string> got;
  while (r.next(l)) got.emplace_back(l.text);
  ASSERT_EQ(got.size(), 5u);
  EXPECT_EQ(got[0], "a");
  EXPECT_EQ(got[1], "b");
  EXPECT_EQ(got[2], "c");
  EXPECT_EQ(got[3], big);
  EXPECT_EQ(got[4], "last");
}

TEST(Output, RefusesAFifoOrASymlinkUnlessWrittenThrough) {
  TempDir d;
  std::string fifo = (d.path / "fifo").string(), link = (d.path / "link").string();
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  ASSERT_EQ(symlink((d.path / "target").c_str(), link.c_str()), 0);
  EXPECT_THROW(Output{fifo}, DataError);
  EXPECT_THROW(Output{link}, DataError);
  {
    Output o(link, true);
    o.write("x\n");
    o.commit();
  }
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(fs::file_size(d.path / "target"), 2u);
}

TEST(LineReader, OverlongLineIsAnErrorWithItsLine) {
  TempDir d;
  write(d.path / "a", "ok\n" + std::string(3 << 20, 'x') + "\n");
  LineReader r((d.path / "a").string(), 2 << 20);
  LineReader::Line l;
  ASSERT_TRUE(r.next(l));
  try {
    r.next(l);
    FAIL();
  } catch (const LineTooLong& e) {
    EXPECT_EQ(e.where().line, 2u);
  }
  EXPECT_FALSE(r.next(l));
}

TEST(LineReader, ReadingGoesOnAfterAnOverlongLine) {
  // The over-long line is skipped whatever ends it (\n, \r\n, a lone \r, a \r\n split across
  // reads), and the line numbers after it stay right.
  TempDir d;
  for (std::string end : {"\n", "\r\n", "\r"}) {
    write(d.path / "a", "ok\n" + std::string(3 << 20, 'x') + end + "after\n" +
                            std::string(100, 'y') + end + "last");
    LineReader r((d.path / "a").string(), 1 << 20);
    LineReader::Line l;
    ASSERT_TRUE(r.next(l));
    EXPECT_THROW(r.next(l), LineTooLong);
    ASSERT_TRUE(r.next(l));
    EXPECT_EQ(l.text, "after");
    EXPECT_EQ(l.number, 3u);
    // A short limit: the line is found whole in the buffer, then skipped.
    LineReader small((d.path / "a").string(), 50);
    ASSERT_TRUE(small.next(l));
    EXPECT_THROW(small.next(l), LineTooLong);
    ASSERT_TRUE(small.next(l));
    EXPECT_EQ(l.text, "after");
    EXPECT_THROW(small.next(l), LineTooLong);
    ASSERT_TRUE(small.next(l));
    EXPECT_EQ(l.text, "last");
    EXPECT_EQ(l.number, 5u);
    EXPECT_FALSE(small.next(l));
  }
  // "\r\n" where the '\r' is the last byte of a read: (1 << 20) bytes, so the buffer ends there.
  write(d.path / "b", std::string((1 << 20) - 1, 'x') + "\r\nnext\n");
  LineReader r((d.path / "b").string(), 1000);
  LineReader::Line l;
  EXPECT_THROW(r.next(l), LineTooLong);
  ASSERT_TRUE(r.next(l));
  EXPECT_EQ(l.text, "next");
  EXPECT_EQ(l.number, 2u);
}

TEST(LineReader, TheLimitHoldsForALineInsideTheBuffer) {
  // --max-line below the buffer's size: a line read whole is held to it as well, with or without
  // its newline; a line of exactly the limit is read.
  TempDir d;
  write(d.path / "a", std::string(50, 'a') + "\n" + std::string(51, 'b') + "\n");
  write(d.path / "b", std::string(51, 'c'));
  LineReader r((d.path / "a").string(), 50);
  LineReader::Line l;
  ASSERT_TRUE(r.next(l));
  EXPECT_EQ(l.text.size(), 50u);
  try {
    r.next(l);
    FAIL();
  } catch (const DataError& e) {
    EXPECT_EQ(e.where().line, 2u);
    EXPECT_NE(std::string(e.what()).find("longer than 50 bytes"), std::string::npos);
  }
  LineReader last((d.path / "b").string(), 50);
  EXPECT_THROW(last.next(l), DataError);
}

TEST(ReadFile, ErrorsNameThePath) {
  try {
    read_file("/nonexistent/report.txt");
    FAIL();
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/report.txt"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("No such file"), std::string::npos);
  }
  TempDir d;
  EXPECT_THROW(read_file(d.path.string()), DataError);
}

TEST(Output, FileAppearsOnlyOnCommit) {
  TempDir d;
  fs::path target = d.path / "out.jsonl";
  write(target, "previous\n");
  {
    Output o(target.string());
    o.write("new content\n");
    o.flush();
    EXPECT_EQ(testing::slurp(target), "previous\n");  // untouched until commit
  }
  EXPECT_EQ(testing::slurp(target), "previous\n");  // abandoned: old file kept
  EXPECT_EQ(std::distance(fs::directory_iterator(d.path), fs::directory_iterator()), 1);
  {
    Output o(target.string());
    o.write("new content\n");
    o.commit();
  }
  EXPECT_EQ(testing::slurp(target), "new content\n");
  EXPECT_EQ(std::distance(fs::directory_iterator(d.path), fs::directory_iterator()), 1);
}

// A piece larger than the buffer goes straight out, after what was buffered before it, and
// before what comes after: the bytes are in the order written.
TEST(Output, LargePiecesKeepTheirPlace) {
  TempDir d;
  fs::path target = d.path / "out.jsonl";
  std::string big(600000, 'x'), expected;
  {
    Output o(target.string());
    for (std::string piece :
         {std::string("a\n"), big, std::string("b\n"), big + "y", std::string("c")}) {
      o.write(piece);
      expected += piece;
    }
    o.commit();
  }
  EXPECT_EQ(testing::slurp(target), expected);
}

TEST(Output, UnwritableDirectoryIsAnError) {
  EXPECT_THROW(Output("/nonexistent-dir/out.jsonl"), DataError);
}

TEST(Location, Formats) {
  EXPECT_EQ((Location{"a.txt", 3, 17}).str(), "a.txt:3: byte 17:");
  EXPECT_EQ((Location{"a.txt", 3}).str(), "a.txt:3:");
  EXPECT_EQ((Location{"a.txt"}).str(), "a.txt:");
}

}  // namespace
}  // namespace rpt
