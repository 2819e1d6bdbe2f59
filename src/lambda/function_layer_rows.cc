#include "lambda/function_layer_rows.h"

#include "storage/database.h"

namespace stratus::lambda {

Status LoadFunctionLayers(storage::Transaction& transaction, FunctionConfig& function) {
  function.layers.clear();
  return transaction.Query(
      "SELECT arn, code_id, code_sha256, code_size FROM function_layers WHERE function = ?1 AND "
      "version = ?2 ORDER BY position",
      {function.name, function.version}, [&](const storage::Row& row) -> Status {
        function.layers.push_back(FunctionLayer{
            .arn = row.GetText(0),
            .code = {.id = row.GetText(1), .sha256 = row.GetText(2), .size = row.GetInt(3)}});
        return Status::Ok();
      });
}

Status SaveFunctionLayers(storage::Transaction& transaction, const FunctionConfig& function) {
  STRATUS_RETURN_IF_ERROR(DeleteFunctionLayers(transaction, function.name, function.version));
  int64_t position = 0;
  for (const FunctionLayer& layer : function.layers) {
    STRATUS_RETURN_IF_ERROR(
        transaction
            .Exec("INSERT INTO function_layers(function, version, position, arn, code_id, "
                  "code_sha256, code_size) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                  {function.name, function.version, position++, layer.arn, layer.code.id,
                   layer.code.sha256, layer.code.size})
            .status());
  }
  return Status::Ok();
}

Status DeleteFunctionLayers(storage::Transaction& transaction,
                            const std::string& function,
                            const std::string& version) {
  return transaction
      .Exec("DELETE FROM function_layers WHERE function = ?1 AND version = ?2", {function, version})
      .status();
}

Status DeleteAllFunctionLayers(storage::Transaction& transaction, const std::string& function) {
  return transaction.Exec("DELETE FROM function_layers WHERE function = ?1", {function}).status();
}

}  // namespace stratus::lambda
