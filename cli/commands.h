// The canvass subcommands. Each takes the arguments after its name and returns the exit
// code: 0 success, 2 bad input or usage (one clear line on stderr), 1 an unexpected failure.
#pragma once

namespace canvass::cli {

int run_expr(int argc, char** argv);
int run_validate(int argc, char** argv);
int run_check(int argc, char** argv);
int run_merge(int argc, char** argv);
int run_aggregate(int argc, char** argv);
int run_report(int argc, char** argv);
int run_simulate(int argc, char** argv);
int run_csv(int argc, char** argv);
int run_serve(int argc, char** argv);

}  // namespace canvass::cli
