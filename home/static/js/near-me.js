// "Use my location": fills the hidden lat/lng fields from the browser and submits the filter form.
// Without JavaScript the button stays hidden and the postcode box does the same job.
(function () {
  var button = document.querySelector("[data-near-me]");
  if (!button || !("geolocation" in navigator)) return;
  button.parentElement.hidden = false;
  button.addEventListener("click", function () {
    var form = button.closest("form");
    button.disabled = true;
    button.textContent = "Finding your location...";
    navigator.geolocation.getCurrentPosition(function (position) {
      form.querySelector("[name=lat]").value = position.coords.latitude.toFixed(3);
      form.querySelector("[name=lng]").value = position.coords.longitude.toFixed(3);
      form.querySelector("[name=postcode]").value = "";
      form.submit();
    }, function () {
      button.disabled = false;
      button.textContent = "Use my location";
      var note = document.createElement("p");
      note.className = "nhsuk-body-s";
      note.textContent = "We could not get your location. You can type your postcode instead.";
      button.parentElement.after(note);
    }, { maximumAge: 600000, timeout: 10000 });
  });
})();
