// Replays inputs through a fuzz target without libFuzzer, so that the default
// (g++) build runs every target over its seed corpus as a regression test.
// Arguments name corpus directories (read recursively) or single files;
// arguments starting with '-' (libFuzzer flags) are ignored. Inputs run in
// sorted path order; a missing corpus or an empty one is an error, so that a
// mistyped path cannot pass as a green test.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

// Appends the regular files at `path` (a file, or a directory searched
// recursively) to `files`; false when `path` is neither.
bool CollectInputs(const std::filesystem::path& path, std::vector<std::filesystem::path>* files) {
  std::error_code error;
  if (std::filesystem::is_regular_file(path, error)) {
    files->push_back(path);
    return true;
  }
  if (!std::filesystem::is_directory(path, error)) {
    return false;
  }
  std::filesystem::recursive_directory_iterator it(path, error);
  for (; !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    if (it->is_regular_file(error)) {
      files->push_back(it->path());
    }
  }
  return !error;
}

bool ReadFile(const std::filesystem::path& path, std::string* contents) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return false;
  }
  contents->assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
  return !file.bad();
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::filesystem::path> files;
  for (int i = 1; i < argc; ++i) {
    const std::string argument = argv[i];
    if (argument.starts_with("-")) {
      continue;
    }
    if (!CollectInputs(argument, &files)) {
      std::fprintf(stderr, "fuzz replay: cannot read corpus %s\n", argument.c_str());
      return 2;
    }
  }
  if (files.empty()) {
    std::fprintf(stderr, "fuzz replay: no inputs (usage: %s CORPUS_DIR_OR_FILE...)\n", argv[0]);
    return 2;
  }
  std::sort(files.begin(), files.end());
  std::string contents;
  for (const std::filesystem::path& file : files) {
    if (!ReadFile(file, &contents)) {
      std::fprintf(stderr, "fuzz replay: cannot read %s\n", file.c_str());
      return 2;
    }
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(contents.data()), contents.size());
  }
  std::printf("fuzz replay: ran %zu inputs\n", files.size());
  return 0;
}
