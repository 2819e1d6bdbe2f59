#include "cli/cli.h"

int main(int argc, char** argv) {
  return stratus::cli::RunCli(argc, argv);
}
