#pragma once
// Row-by-row dataset comparison shared by every test binary.
#include "seatsync/dataset.hpp"

namespace seatsync::test {

// Fails the current test (with a precise message) unless every row, every field and the
// params of `actual` equal `expected`; floats are compared bit for bit.
void expect_same_dataset(const Dataset& expected, const Dataset& actual);

}  // namespace seatsync::test
