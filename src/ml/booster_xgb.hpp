#pragma once
// Private helpers shared by the booster sources: checked XGBoost calls and an owned DMatrix.
#include <xgboost/c_api.h>

#include <stdexcept>
#include <string>

#include "seatsync/tabular.hpp"

namespace seatsync::xgb {

// Every XGBoost call goes through this: a failure carries XGBoost's own message.
inline void check(int status, const char* what) {
  if (status != 0) throw std::runtime_error(std::string("xgboost: ") + what + ": " + XGBGetLastError());
}

// A DMatrix built from a Table's features (and labels, when present), freed on scope exit.
class OwnedDMatrix {
 public:
  explicit OwnedDMatrix(const Table& table);
  ~OwnedDMatrix() { if (handle_) XGDMatrixFree(handle_); }
  OwnedDMatrix(const OwnedDMatrix&) = delete;
  OwnedDMatrix& operator=(const OwnedDMatrix&) = delete;
  DMatrixHandle get() const { return handle_; }

 private:
  DMatrixHandle handle_ = nullptr;
};

}  // namespace seatsync::xgb
