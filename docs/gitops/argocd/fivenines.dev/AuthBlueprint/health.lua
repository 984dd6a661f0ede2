-- Argo CD health of a fivenines.dev AuthBlueprint, read from the status the operator writes (docs/gitops.md).
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
local rollout = obj.status.rollout

if rollout ~= nil and rollout.phase == "Halted" then
  return { status = "Degraded", message = message(stalled, "the rollout is halted") }
end
if stalled ~= nil and stalled.status == "True" then
  return { status = "Degraded", message = message(stalled, "stalled") }
end
if ready ~= nil and ready.status == "True" then
  return { status = "Healthy", message = message(ready, "ready") }
end
if rollout ~= nil and rollout.phase == "Paused" then
  return { status = "Suspended", message = "the rollout is paused: " .. (rollout.message or "resume it to go on") }
end
if ready ~= nil and ready.reason == "NoDeployments" then
  return { status = "Healthy", message = message(ready, "no AuthDeployment refers to this blueprint yet") }
end
return { status = "Progressing", message = message(reconciling, message(ready, "not ready yet")) }
