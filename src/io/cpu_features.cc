#include "io/cpu_features_internal.h"

namespace stratus::io::internal {
namespace {

CpuFeatures Detect() {
  CpuFeatures features;
#if defined(__x86_64__)
  __builtin_cpu_init();
  features.sse42 = __builtin_cpu_supports("sse4.2") != 0;
  features.pclmul = __builtin_cpu_supports("pclmul") != 0;
  // libgcc reports AVX features only when the OS saves the YMM registers (XGETBV).
  features.vpclmulqdq = features.pclmul && __builtin_cpu_supports("avx2") != 0 &&
                        __builtin_cpu_supports("vpclmulqdq") != 0;
#endif
  return features;
}

}  // namespace

const CpuFeatures& DetectedCpuFeatures() {
  static const CpuFeatures kFeatures = Detect();
  return kFeatures;
}

}  // namespace stratus::io::internal
