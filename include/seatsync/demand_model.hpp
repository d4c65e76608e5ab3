#pragma once
// The fitted discrete demand model: completed Demand Matrices per tier × price-code group (or
// per tier × price code) and the Price Code Adjustment Map (thesis 5.1.1), behind one lookup:
// the price at which `quantity` tickets sell in a bucket.
#include <string>
#include <vector>

#include "seatsync/completion.hpp"
#include "seatsync/dataset.hpp"

namespace seatsync {

// Thesis 5.1.1: multiplier of a code = the code's average price / its group's average price,
// averages taken over orders (unweighted, as the matrices are). Codes without sales get 1.
std::vector<double> code_multipliers(const Dataset& data, const MatrixBuildOptions& options = {});

struct DemandModelOptions {
  CompletionMethod method = CompletionMethod::monotone;
  CompletionOptions completion;
  MatrixBuildOptions build;
  bool individual = false;  // one matrix per price code instead of per group
};

class MatrixDemandModel {
 public:
  static MatrixDemandModel fit(const Dataset& data, const DemandModelOptions& options = {});

  // The completed matrix for a tier and a group (individual = false) or a code (true). A tier
  // not among the fitted ones gets the matrix pooled over tiers.
  const CompletedMatrix& group_matrix(int tier, const std::string& group) const;
  const CompletedMatrix& code_matrix(int tier, CodeIndex code) const;
  double multiplier(CodeIndex code) const { return multipliers_[code]; }

  // The price at which `quantity` tickets sell in `bucket` for a game of `tier`: the code's own
  // matrix when individual, else its group's matrix × the code's multiplier.
  double price(int tier, CodeIndex code, std::size_t bucket, int quantity) const;

  bool individual() const { return individual_; }
  const std::vector<CompletedMatrix>& matrices() const { return matrices_; }
  const std::vector<CompletedMatrix>& pooled() const { return pooled_; }

 private:
  bool individual_ = false;
  std::vector<int> tiers_;
  std::vector<std::string> keys_;        // group names or codes, dataset order
  std::vector<std::size_t> key_of_code_;
  std::vector<double> multipliers_;
  std::vector<CompletedMatrix> matrices_;  // [tier slot * keys + key]
  std::vector<CompletedMatrix> pooled_;    // [key]
};

}  // namespace seatsync
