-- Argo CD health of a fivenines.dev AuthDeployment, read from the status the operator writes (docs/gitops.md).
local function condition(name)
  if obj.status == nil or obj.status.conditions == nil then
    return nil
  end
  for _, c in ipairs(obj.status.conditions) do
    if c.type == name then
      return c
    end
  end
  return nil
end

local function message(c, default)
  if c ~= nil and c.message ~= nil then
    return c.message
  end
  return default
end

if obj.status == nil then
  return { status = "Progressing", message = "waiting for the operator to report a status" }
end
if obj.metadata.generation ~= nil and obj.status.observedGeneration ~= nil
    and obj.status.observedGeneration ~= obj.metadata.generation then
  return { status = "Progressing", message = "the operator has not yet reconciled generation " .. obj.metadata.generation }
end

local ready = condition("Ready")
local stalled = condition("Stalled")
local reconciling = condition("Reconciling")

if obj.status.phase == "NotLocal" then
  return { status = "Healthy", message = message(ready, "reconciled by the operator of its region") }
end
if stalled ~= nil and stalled.status == "True" then
  return { status = "Degraded", message = message(stalled, "stalled") }
end
if ready ~= nil and ready.status == "True" then
  return { status = "Healthy", message = message(ready, "ready") }
end
if obj.status.phase == "Degraded" then
  return { status = "Degraded", message = message(ready, "fewer replicas are available than declared") }
end
return { status = "Progressing", message = message(reconciling, message(ready, "not ready yet")) }
