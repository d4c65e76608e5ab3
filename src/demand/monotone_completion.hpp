#pragma once
// Our completion method (see complete_monotone.cpp and docs/demand-model.md).
#include <Eigen/Core>

#include "seatsync/completion.hpp"

namespace seatsync {

// Returns the completed price matrix (buckets × quantities). Cells it cannot determine are NaN.
Eigen::MatrixXd complete_monotone(const DemandMatrix& matrix, const CompletionOptions& options);

}  // namespace seatsync
