#pragma once

// Private to sql/functions: InPlaceAggregate, the base of aggregates whose
// state is a C++ object (vectors, sets, Values) constructed in the state
// bytes the executor allocates, and destroyed by Destroy(); and
// TrivialAggregate, the base of those whose state is a plain struct of
// numbers that needs no destruction.
//
// Thread safety: kernels are immutable; each state is used by one driver at a time.

#include <memory>
#include <type_traits>

#include "sql/functions/function.h"

namespace stratus::sql::functions {

template <typename State>
class InPlaceAggregate : public AggregateKernel {
 public:
  size_t state_size() const override { return sizeof(State); }

  void Initialize(uint8_t* state) const override {
    std::construct_at(reinterpret_cast<State*>(state));
  }

  void Destroy(uint8_t* state) const override { std::destroy_at(reinterpret_cast<State*>(state)); }

  bool needs_destroy() const override { return true; }

 protected:
  static State& Of(uint8_t* state) { return *reinterpret_cast<State*>(state); }

  static const State& Of(const uint8_t* state) { return *reinterpret_cast<const State*>(state); }
};

template <typename State>
requires std::is_trivially_copyable_v<State> && std::is_trivially_destructible_v<State>

class TrivialAggregate : public AggregateKernel {
 public:
  size_t state_size() const override { return sizeof(State); }

  void Initialize(uint8_t* state) const override { Of(state) = State{}; }

 protected:
  static State& Of(uint8_t* state) { return *reinterpret_cast<State*>(state); }

  static const State& Of(const uint8_t* state) { return *reinterpret_cast<const State*>(state); }
};

static_assert(alignof(std::max_align_t) <= 16, "aggregate states are aligned to 16");

}  // namespace stratus::sql::functions
